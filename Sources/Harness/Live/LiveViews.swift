import Basics
import Hummingbird
import Logging
import ServiceLifecycle

/// A run's live views as one service group: the dashboard and the Prometheus endpoint (servers), then the
/// exporter, the console line and the JSON lines (observers of the hub), started in that order before the load.
///
/// They outlive the measurement, so the final report reaches open pages: ``stop(lingering:)`` ends the hub's streams,
/// lets the observers drain them, then shuts the servers down in reverse order.
struct LiveViews: Sendable {
    private let group: ServiceGroup
    private let running: Task<String?, Never>
    private let hub: LiveHub

    /// A server's address once it listens, or the group's failure.
    private enum Start: Sendable {
        case listening(name: String, address: HostAndPort)
        case failed(String)
    }

    /// A hub observer as a service: it runs until the hub's stream ends.
    private struct Observer: Service {
        let body: @Sendable () async -> Void
        func run() async { await body() }
    }

    /// Starts what `options` asks for and waits until every server listens; a port that cannot be listened on is a
    /// clear failure before the load starts.
    static func start(
        _ options: LiveOptions,
        hub: LiveHub,
        report: LiveServer.FinalReport,
        title: String,
        progress: @escaping @Sendable (String) -> Void
    ) async throws(RunFailure) -> LiveViews {
        let (starts, started) = AsyncStream.makeStream(of: Start.self)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let exporter = PrometheusExporter()
        var servers: [(name: String, address: HostAndPort)] = []
        let routers: [(String, HostAndPort?, () -> Router<BasicRequestContext>)] = [
            ("dashboard", options.dashboard, { LiveServer.dashboardRouter(hub: hub, report: report, title: title) }),
            ("metrics", options.metrics, { LiveServer.metricsRouter(exporter: exporter) }),
        ]
        for (name, address, router) in routers {
            guard let address else { continue }
            servers.append((name, address))
            let server = LiveServer.service(router(), on: address, name: name) { bound in
                started.yield(.listening(name: name, address: bound))
            }
            services.append(.init(service: server))
        }
        // Subscribed now, before the load, so no observer misses a second; each ends when the hub finishes.
        var observers: [@Sendable () async -> Void] = []
        if options.metrics != nil {
            let stream = hub.subscribe()
            observers.append { for await second in stream { exporter.add(second) } }
        }
        let every = options.consoleEvery
        let console = hub.subscribe()
        observers.append {
            var window = ConsoleWindow()
            for await second in console {
                if let line = window.add(second, every: every) { progress(line) }
            }
        }
        if let path = options.jsonl {
            let lines = hub.subscribe()
            observers.append { await JSONLines.write(lines, to: path, progress: progress) }
        }
        services += observers.map { .init(service: Observer(body: $0), successTerminationBehavior: .ignore) }
        var logger = Logger(label: "ordeal.live")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: logger))
        // Not a child of the run's task: after Ctrl-C the views still show the final report.
        let running = Task<String?, Never> {
            do {
                try await group.run()
                return nil
            } catch {
                let failure = "\(error)"
                started.yield(.failed(failure))
                return failure
            }
        }
        let views = LiveViews(group: group, running: running, hub: hub)
        var waiting = Set(servers.map(\.name))
        var iterator = starts.makeAsyncIterator()
        while !waiting.isEmpty {
            switch await iterator.next() {
            case .listening(let name, let bound)?:
                waiting.remove(name)
                progress("\(name) at http://\(bound)\(name == "dashboard" ? "/" : "/metrics")")
            case .failed(let failure)?:
                let name = servers.first { waiting.contains($0.name) }!
                hub.finish()
                _ = await views.stop(lingering: false)
                throw RunFailure(.unavailable, "--\(name.name) \(name.address): cannot listen: \(failure)")
            case nil:
                throw RunFailure(.unavailable, "the live views did not start")
            }
        }
        return views
    }

    /// Ends the views once the report is written: the hub's streams end, the observers drain them, and the servers
    /// stop (with a dashboard, after a moment for open pages to fetch the final report). Returns what failed, if a
    /// view did.
    func stop(lingering: Bool) async -> String? {
        hub.finish()
        if lingering { try? await Task.sleep(for: .seconds(2)) }
        await group.triggerGracefulShutdown()
        return await running.value
    }
}
