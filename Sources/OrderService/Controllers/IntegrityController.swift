import Hummingbird

/// `GET /api/v1/admin/integrity` (admins only): the data-integrity check on the live system, sagas in flight on live
/// instances tolerated. Always 200; `consistent` and `problems` say what was found.
struct IntegrityController {
    typealias Context = OrderServiceRequestContext

    let check: IntegrityCheck

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("integrity", use: integrity)
    }

    @Sendable func integrity(_ request: Request, context: Context) async throws -> IntegrityReport {
        try await check.run(live: true)
    }
}

extension IntegrityReport: ResponseEncodable {}
