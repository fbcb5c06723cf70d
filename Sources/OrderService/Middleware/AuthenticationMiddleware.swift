import HTTPTypes
import Hummingbird

/// Requires `Authorization: Bearer <token>` signed by this service and not expired; stores the identity.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = OrderServiceRequestContext
    let tokens: TokenService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else { throw ServiceError.unauthenticated }
        let scheme = "bearer "
        guard header.count > scheme.count, header.prefix(scheme.count).lowercased() == scheme,
            let identity = tokens.verify(header.dropFirst(scheme.count))
        else { throw ServiceError.invalidToken }
        var context = context
        context.identity = identity
        return try await next(request, context)
    }
}

/// Lets only administrators through; placed after `AuthenticationMiddleware`.
struct AdminOnlyMiddleware: RouterMiddleware {
    typealias Context = OrderServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard try context.requireIdentity().isAdmin else { throw ServiceError.forbidden }
        return try await next(request, context)
    }
}

/// Requires an `X-API-Key` header holding a key an admin created and did not revoke.
struct APIKeyMiddleware<Keys: APIKeyRepository>: RouterMiddleware {
    typealias Context = OrderServiceRequestContext
    let keys: Keys

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let key = request.headers[.apiKey], key.hasPrefix(APIKeyCodec.prefix),
            let record = try await keys.findActive(keyHash: APIKeyCodec.digest(of: key))
        else { throw ServiceError.invalidAPIKey }
        var context = context
        context.apiKey = record
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let apiKey = Self("X-API-Key")!
}
