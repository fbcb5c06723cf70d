import Basics
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// The run's live HTTP endpoints: the dashboard (`/`, its Server-Sent Events at `/events`, the final report at
/// `/report` once written) and the Prometheus text (`/metrics`). Each is served on its own address while the run
/// lasts; they only read what the hub and the exporter already hold, so they never slow the load.
enum LiveServer {
    /// The final report's HTML, once the run has written it.
    final class FinalReport: Sendable {
        private let html = Mutex<String?>(nil)
        func set(_ page: String) { html.withLock { $0 = page } }
        var page: String? { html.withLock { $0 } }
    }

    static func dashboardRouter(hub: LiveHub, report: FinalReport, title: String) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in
            // The seconds so far are in the page itself, so it shows the run as it stands the moment it loads.
            let history = hub.history
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let initial = (try? encoder.encode(history)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
            let page = DashboardPage.html(title: title, initial: initial, count: history.count)
            return Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page))
            )
        }
        router.get("/events") { request, _ in
            let after = request.uri.queryParameters.get("after", as: Int.self) ?? 0
            let stream = hub.subscribe(replay: true).dropFirst(max(0, after))
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = .sortedKeys
                    for await second in stream {
                        let json = String(decoding: try encoder.encode(second), as: UTF8.self)
                        try await writer.write(ByteBuffer(string: "data: \(json)\n\n"))
                    }
                    try await writer.write(ByteBuffer(string: "event: end\ndata: {\"report\":\"/report\"}\n\n"))
                    try await writer.finish(nil)
                }
            )
        }
        router.get("/report") { _, _ in
            guard let html = report.page else {
                return Response(status: .notFound, body: ResponseBody(byteBuffer: ByteBuffer(string: "not yet\n")))
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: html))
            )
        }
        return router
    }

    static func metricsRouter(exporter: PrometheusExporter) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: exporter.exposition()))
            )
        }
        return router
    }

    /// The server of `router` on `address`, as a service that runs until a graceful shutdown (open event streams
    /// end with the hub); `onListening` gets the real address (port 0 resolved).
    static func service(
        _ router: Router<BasicRequestContext>,
        on address: HostAndPort,
        name: String,
        onListening: @escaping @Sendable (HostAndPort) async -> Void
    ) -> any Service {
        var logger = Logger(label: "ordeal.\(name)")
        logger.logLevel = .critical
        let host = address.host
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: address.port), serverName: "ordeal-\(name)"),
            onServerRunning: { channel in
                await onListening(HostAndPort(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger
        )
    }
}
