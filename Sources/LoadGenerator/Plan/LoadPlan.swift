import Scenarios

/// Everything the engine needs for one run: where to send, the flow of requests, the phases, and the limits.
///
/// It is the engine's own input, independent of the YAML model, so the engine can be driven and tested directly.
public struct LoadPlan: Sendable {
    public var target: HTTPTarget
    /// The flow: the steps of one iteration, in order.
    public var flow: [PlannedRequest]
    public var phases: [PlannedPhase]
    /// How long a request may wait for its complete response.
    public var timeout: Duration
    /// How long opening a connection may take.
    public var connectTimeout: Duration
    /// How long iterations still running at the end of a phase may take to finish before they are abandoned.
    public var gracefulStop: Duration
    /// How many template variable slots dynamic steps use (the scenario's ``VariableTable`` count).
    public var variableCount = 0
    /// Data files whose rows are handed to iterations, one row per source per iteration.
    public var dataSources: [DataSource] = []
    /// Which HTTP version to speak: with TLS, `auto` lets ALPN choose; on plain TCP, `2` is h2c.
    public var httpVersion: HTTPVersionPreference = .auto
    /// The TLS context for an https target; nil for plain HTTP.
    public var tls: TLSClient?
    /// How many event loops (threads) generate the load; nil means one per core.
    public var loops: Int?
    /// How far into the schedule the load begins. A generator that joins a shared start late (`--start-at`) skips
    /// what was due before it: each arrival it missed counts as dropped, and the schedule never shifts.
    public var startOffset: Duration = .zero

    public init(
        target: HTTPTarget,
        flow: [PlannedRequest],
        phases: [PlannedPhase],
        timeout: Duration = .seconds(10),
        connectTimeout: Duration = .seconds(5),
        gracefulStop: Duration? = nil
    ) {
        self.target = target
        self.flow = flow
        self.phases = phases
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.gracefulStop = gracefulStop ?? timeout
    }

    /// What the loops' connections speak.
    var speech: ConnectionOpener.Speech {
        switch httpVersion {
        case .http1: .http1
        case .http2: .http2
        case .auto: target.isSecure ? .negotiated : .http1
        }
    }

    /// The whole schedule's length: every phase's duration, one after another.
    public var nominalLength: Duration { phases.reduce(.zero) { $0 + $1.nominalLength } }

    /// The request names, in request-number order, as recordings index them.
    public var requestNames: [String] { flow.map(\.name) }
}
