import Basics
import Synchronization

/// The live views a run serves or writes while it lasts (`--dashboard`, `--metrics`, `--jsonl`), and how often the
/// console line comes.
public struct LiveOptions: Sendable {
    /// Where the dashboard listens (k6's default is 127.0.0.1:5665).
    public var dashboard: HostAndPort?
    /// Where the Prometheus text is served (default 127.0.0.1:9464).
    public var metrics: HostAndPort?
    /// A file for one JSON line per second; `-` is standard output.
    public var jsonl: String?
    /// Seconds per console line: 1 on a terminal (redrawn), more in a log.
    public var consoleEvery: Int

    public static let defaultDashboard = HostAndPort(host: "127.0.0.1", port: 5665)
    public static let defaultMetrics = HostAndPort(host: "127.0.0.1", port: 9464)

    public init(dashboard: HostAndPort? = nil, metrics: HostAndPort? = nil, jsonl: String? = nil, consoleEvery: Int = 1)
    {
        self.dashboard = dashboard
        self.metrics = metrics
        self.jsonl = jsonl
        self.consoleEvery = max(1, consoleEvery)
    }
}

/// Which signal stopped a run, set by ``InterruptibleRun`` and read when the report is written.
public final class Interruption: Sendable {
    private let number = Mutex<Int32?>(nil)

    public init() {}

    func record(_ signal: Int32) { number.withLock { $0 = $0 ?? signal } }

    /// The first signal received, if any.
    public var signal: Int32? { number.withLock { $0 } }
}
