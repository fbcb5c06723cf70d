import GRDB
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// Turns every error into problem details: known ones keep their status and code, unknown ones become a
/// 500 that says nothing about the insides (the details go to the log instead).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = OrderServiceRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return response(for: error, context: context)
        }
    }

    /// The problem-details response for `error`; inner middleware that must decorate error responses use it.
    func response(for error: any Error, context: Context) -> Response {
        ProblemDetails(problem(for: error, context: context)).response()
    }

    private func problem(for error: any Error, context: Context) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let error as RepositoryError:
            return error.problem
        case let error as HTTPError:
            return Self.problem(for: error.status)
        case is NIOTooManyBytesError:
            return .bodyTooLarge
        case let error as DatabaseError:
            metrics.recordDatabaseError()
            context.logger.error("database error", metadata: ["code": "\(error.resultCode)"])
            return .databaseError
        case let error as PSQLError:
            metrics.recordDatabaseError()
            context.logger.error("database error", metadata: ["detail": "\(PostgresDatabase.describe(error))"])
            return .databaseError
        default:
            context.logger.error("unhandled error", metadata: ["type": "\(type(of: error))"])
            return .internalError
        }
    }

    static func problem(for status: HTTPResponse.Status) -> ServiceError {
        switch status {
        case .notFound: .notFound("route")
        case .methodNotAllowed:
            ServiceError(status, code: "method-not-allowed", detail: "This route does not accept that method.")
        case .contentTooLarge: .bodyTooLarge
        case .badRequest: ServiceError(status, code: "bad-request", detail: "The request is malformed.")
        default:
            status.code >= 500
                ? .internalError
                : ServiceError(status, code: "http-\(status.code)", detail: status.reasonPhrase + ".")
        }
    }
}

extension RepositoryError {
    var problem: ServiceError {
        switch self {
        case .duplicateUsername: .usernameTaken
        case .unknownProduct(let id): .unknownProduct(id)
        case .idempotencyKeyReused: .idempotencyKeyReused
        case .outOfStock(let id):
            ServiceError(.conflict, code: "out-of-stock", detail: "Not enough stock of product '\(id)'.")
        case .notCancellable(let status):
            ServiceError(
                .conflict,
                code: "order-not-cancellable",
                detail: "An order that is \(status) cannot be cancelled."
            )
        }
    }
}
