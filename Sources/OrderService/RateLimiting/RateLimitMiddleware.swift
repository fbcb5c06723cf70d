import Foundation
import HTTPTypes
import Hummingbird

/// Applies one rate limiter, per client IP or per authenticated user, and puts the `X-RateLimit-*` headers on
/// every response it passes (errors included): of two limiters on one route, the stricter bucket's headers win.
/// An exhausted bucket is answered 429 with `Retry-After`.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = OrderServiceRequestContext

    /// Whose bucket a request takes from.
    enum Scope: String, Sendable {
        case ip
        case user
    }

    let scope: Scope
    let limiter: any RateLimiting
    let flags: FeatureFlagStore
    let problems: ProblemMiddleware
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard flags.current.rateLimits, let client = client(of: context) else {
            return try await next(request, context)
        }
        let kind: RequestKind = request.method == .get || request.method == .head ? .read : .write
        var decision = await limiter.take(client, kind)
        decision.resource = Self.resource(scope, kind)
        var response: Response
        if decision.allowed {
            do {
                response = try await next(request, context)
            } catch {
                response = problems.response(for: error, context: context)
            }
        } else {
            metrics.recordRateLimited(resource: decision.resource)
            response = ProblemDetails(.rateLimited(retryAfter: Self.wholeSeconds(decision.secondsUntilNextToken)))
                .response()
            response.headers[.retryAfter] = String(Self.wholeSeconds(decision.secondsUntilNextToken))
        }
        Self.annotate(&response, with: decision)
        return response
    }

    private func client(of context: Context) -> RateLimitClient? {
        switch scope {
        case .ip: context.remoteAddress?.ipAddress.map(RateLimitClient.ip)
        case .user: context.identity.map { .user($0.userID) }
        }
    }

    /// Sets the headers from `decision` unless an inner limiter already reported a stricter bucket.
    static func annotate(_ response: inout Response, with decision: RateLimitDecision) {
        if let existing = response.headers[.rateLimitRemaining].flatMap(Int.init), existing <= decision.remaining {
            return
        }
        let reset = Int((Date().timeIntervalSince1970 + decision.secondsUntilFull).rounded(.up))
        response.headers[.rateLimitLimit] = String(decision.limit)
        response.headers[.rateLimitRemaining] = String(decision.remaining)
        response.headers[.rateLimitReset] = String(reset)
        response.headers[.rateLimitResource] = decision.resource
    }

    /// The bucket's name in `X-RateLimit-Resource`: a literal per pair, so that no request builds it.
    static func resource(_ scope: Scope, _ kind: RequestKind) -> String {
        switch (scope, kind) {
        case (.ip, .read): "ip-read"
        case (.ip, .write): "ip-write"
        case (.user, .read): "user-read"
        case (.user, .write): "user-write"
        }
    }

    /// Seconds rounded up, at least 1: `Retry-After: 0` would invite an immediate retry that fails again.
    static func wholeSeconds(_ seconds: Double) -> Int {
        max(1, Int(seconds.rounded(.up)))
    }
}

extension HTTPField.Name {
    static let rateLimitLimit = Self("X-RateLimit-Limit")!
    static let rateLimitRemaining = Self("X-RateLimit-Remaining")!
    static let rateLimitReset = Self("X-RateLimit-Reset")!
    static let rateLimitResource = Self("X-RateLimit-Resource")!
}
