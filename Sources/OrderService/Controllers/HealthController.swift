import Hummingbird

/// Probes: `/health` (the process serves HTTP) and `/ready` (the database answers and is fully migrated).
struct HealthController {
    typealias Context = OrderServiceRequestContext

    struct Status: ResponseEncodable {
        let status: String
    }

    let database: any DatabaseHealth

    func addRoutes(to router: Router<Context>) {
        router.get("health", use: health)
            .get("ready", use: ready)
    }

    @Sendable func health(_ request: Request, context: Context) async throws -> Status {
        Status(status: "ok")
    }

    @Sendable func ready(_ request: Request, context: Context) async throws -> EditedResponse<Status> {
        guard await database.isReady() else {
            return EditedResponse(status: .serviceUnavailable, response: Status(status: "unavailable"))
        }
        return EditedResponse(status: .ok, response: Status(status: "ready"))
    }
}
