import LoadGenerator
import Scenarios

/// What `ordeal run` was asked to do.
public struct RunOptions: Sendable {
    /// The scenario file; nil for a quick run from flags alone (``quick`` and ``url``).
    public var scenarioPath: String?
    /// Without a scenario: one GET phase against ``url``, as `wrk -c N` or `wrk2 -R rate` would run it.
    public var quick: QuickLoad?
    /// Send the load to this base URL and start nothing (overrides the scenario's target).
    public var url: String?
    /// A target file to start instead of the one the scenario names.
    public var targetPath: String?
    /// Where the reports go; `reports/<scenario>-<timestamp>/` when nil.
    public var outputDirectory: String?
    /// A previous report.json to compare this run against.
    public var baselinePath: String?
    /// The share of the load this machine generates.
    public var segment: Segment
    /// The wall-clock instant the load begins at, shared by every segment (`--start-at`); nil to begin at once.
    public var startAt: StartInstant?
    /// Also write junit.xml and summary.md.
    public var writeJUnit: Bool
    public var writeMarkdown: Bool
    /// Folders put in front of PATH when starting target processes, so this build's own executables are found.
    public var searchPath: [String]
    /// The dashboard, Prometheus endpoint and JSON lines, and the console's cadence.
    public var live: LiveOptions
    /// How many event loops generate the load (`--loops`), over the scenario's `loops:`; nil keeps the scenario's.
    public var loops: Int? = nil

    public init(
        scenarioPath: String?,
        quick: QuickLoad? = nil,
        url: String? = nil,
        targetPath: String? = nil,
        outputDirectory: String? = nil,
        baselinePath: String? = nil,
        segment: Segment = .whole,
        startAt: StartInstant? = nil,
        writeJUnit: Bool = false,
        writeMarkdown: Bool = false,
        searchPath: [String] = [],
        live: LiveOptions = LiveOptions()
    ) {
        self.scenarioPath = scenarioPath
        self.quick = quick
        self.url = url
        self.targetPath = targetPath
        self.outputDirectory = outputDirectory
        self.baselinePath = baselinePath
        self.segment = segment
        self.startAt = startAt
        self.writeJUnit = writeJUnit
        self.writeMarkdown = writeMarkdown
        self.searchPath = searchPath
        self.live = live
    }
}

/// A run from command-line flags alone: closed model with `users`, or open model at `rate`, for `duration`.
public struct QuickLoad: Sendable {
    public var users: Int?
    public var rate: String?
    public var duration: String
    public var maxInFlight: Int?
    /// curl's TLS flags: `-k`, `--cacert`, `--cert`, `--key`.
    public var tls: TLSSettings
    /// `--http1.1`, `--http2` or `--http2-prior-knowledge` (2 on an http:// URL); auto by default.
    public var httpVersion: HTTPVersionPreference
    /// How many HTTP/2 connections carry the streams (`--connections`).
    public var connections: Int?
    /// What is sent (`-m`, `-H`, `-d`, `-n`) and how long a response may take (`--timeout`).
    public var request: QuickRequest
    public var timeout: String

    public init(
        users: Int?,
        rate: String?,
        duration: String,
        maxInFlight: Int?,
        tls: TLSSettings = TLSSettings(),
        httpVersion: HTTPVersionPreference = .auto,
        connections: Int? = nil,
        request: QuickRequest = QuickRequest(),
        timeout: String = "10s"
    ) {
        self.request = request
        self.timeout = timeout
        self.users = users
        self.rate = rate
        self.duration = duration
        self.maxInFlight = maxInFlight
        self.tls = tls
        self.httpVersion = httpVersion
        self.connections = connections
    }
}
