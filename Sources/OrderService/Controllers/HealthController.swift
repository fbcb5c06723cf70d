import Hummingbird

/// Liveness: `/health` answers as long as the process serves HTTP at all.
struct HealthController<Context: RequestContext> {
    struct Status: ResponseEncodable {
        let status: String
    }

    var endpoints: RouteCollection<Context> {
        RouteCollection(context: Context.self)
            .get("health", use: health)
    }

    @Sendable func health(_ request: Request, context: Context) async throws -> Status {
        Status(status: "ok")
    }
}
