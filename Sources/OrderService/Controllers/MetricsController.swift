import Hummingbird
import NIOCore

/// `/metrics` in the Prometheus text format, and `/openapi.json`.
struct MetricsController {
    typealias Context = OrderServiceRequestContext

    let metrics: ServiceMetrics
    /// Brings size gauges up to date before an exposition.
    var refresh: @Sendable () -> Void = {}

    func addRoutes(to router: Router<Context>) {
        router.get("metrics", use: exposition)
            .get("openapi.json", use: openAPI)
    }

    @Sendable func exposition(_ request: Request, context: Context) async throws -> Response {
        refresh()
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition()))
        )
    }

    @Sendable func openAPI(_ request: Request, context: Context) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json))
        )
    }
}
