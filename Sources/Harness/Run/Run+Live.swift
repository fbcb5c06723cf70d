import Basics
import Foundation
import Hummingbird

/// The live views' servers, started before the load and stopped once the report is written.
struct LiveServers: Sendable {
    let tasks: [Task<Void, Never>]

    /// Stops them; with a dashboard, after a moment for open pages to fetch the final report.
    func stop(lingering: Bool) async {
        if lingering { try? await Task.sleep(for: .seconds(2)) }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}

extension Run {
    /// Starts the dashboard and the Prometheus endpoint asked for, each on its address; a port that cannot be
    /// listened on is a clear failure before the load starts.
    func startLiveServers(
        hub: LiveHub,
        report: LiveServer.FinalReport,
        title: String,
        progress: @escaping @Sendable (String) -> Void
    ) async throws(RunFailure) -> LiveServers {
        var tasks: [Task<Void, Never>] = []
        let exporter = options.live.metrics == nil ? nil : PrometheusExporter()
        if let exporter {
            let stream = hub.subscribe()
            tasks.append(Task { for await second in stream { exporter.add(second) } })
        }
        let servers: [(String, HostAndPort?, () -> Router<BasicRequestContext>)] = [
            (
                "dashboard", options.live.dashboard,
                { LiveServer.dashboardRouter(hub: hub, report: report, title: title) }
            ),
            ("metrics", options.live.metrics, { LiveServer.metricsRouter(exporter: exporter ?? PrometheusExporter()) }),
        ]
        for (name, address, router) in servers {
            guard let address else { continue }
            let (listening, continuation) = AsyncStream.makeStream(of: Result<HostAndPort, any Error>.self)
            let router = router()
            tasks.append(
                Task {
                    do {
                        try await LiveServer.serve(router, on: address, name: name) { bound in
                            continuation.yield(.success(bound))
                        }
                    } catch {
                        continuation.yield(.failure(error))
                    }
                    continuation.finish()
                }
            )
            var iterator = listening.makeAsyncIterator()
            switch await iterator.next() {
            case .success(let bound)?:
                let path = name == "dashboard" ? "/" : "/metrics"
                progress("\(name) at http://\(bound)\(path)")
            case .failure(let error)?:
                await LiveServers(tasks: tasks).stop(lingering: false)
                throw RunFailure(.unavailable, "--\(name) \(address): cannot listen: \(error)")
            case nil:
                await LiveServers(tasks: tasks).stop(lingering: false)
                throw RunFailure(.unavailable, "--\(name) \(address): the server did not start")
            }
        }
        return LiveServers(tasks: tasks)
    }

    /// Subscribes the console and the JSON lines to the hub; their tasks end by themselves when the hub finishes.
    func startObservers(hub: LiveHub, progress: @escaping @Sendable (String) -> Void) {
        let every = options.live.consoleEvery
        let console = hub.subscribe()
        Task {
            var window = ConsoleWindow()
            for await second in console {
                if let line = window.add(second, every: every) { progress(line) }
            }
        }
        if let path = options.live.jsonl {
            let lines = hub.subscribe()
            Task { await JSONLines.write(lines, to: path, progress: progress) }
        }
    }
}

/// `--jsonl FILE`: one JSON object per second (the dashboard's `/events` objects), for jq and pipes.
enum JSONLines {
    static func write(_ seconds: AsyncStream<LiveSecond>, to path: String, progress: @Sendable (String) -> Void) async {
        let handle: FileHandle
        if path == "-" {
            handle = .standardOutput
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let file = FileHandle(forWritingAtPath: path)
            else {
                progress("--jsonl \(path): cannot write the file; no JSON lines are written")
                for await _ in seconds {}
                return
            }
            handle = file
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for await second in seconds {
            guard let data = try? encoder.encode(second) else { continue }
            handle.write(data + Data("\n".utf8))
        }
        if path != "-" { try? handle.close() }
    }
}
