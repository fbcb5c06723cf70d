import Basics

/// A validated scenario file: what to hit, how hard, with which flow, which faults to fire and which SLOs to check.
public struct Scenario: Sendable {
    /// The scenario's name (`name:`), used in reports.
    public var name: String
    /// The file it was loaded from, as given.
    public var file: String
    /// What the load is sent to.
    public var target: TargetReference
    /// Headers, timeout and think time every step starts from.
    public var defaults: Defaults
    /// The data files rows are drawn from, one row per source per iteration.
    public var data: [DataSource]
    /// Load phases, run one after another.
    public var load: [LoadPhase]
    /// One iteration: requests and pauses in order.
    public var flow: [Step]
    /// The chaos timeline, offsets from the start of the run.
    public var faults: [FaultSpec]
    /// SLOs, kept as text with their location; the Profiler parses them.
    public var slo: [SLOSpec]
    /// Names of the template variable slots: captures first seen in flow order, then `source.column` data columns.
    public var variables: VariableTable
    /// The scenario's own `tls:` block; nil when it has none (the target file's then applies).
    public var tls: TLSSettings?
    /// How many event loops (threads) generate the load (`loops:`, as wrk's `-t`); nil means one per core.
    public var loops: Int?

    public init(
        name: String,
        file: String,
        target: TargetReference,
        defaults: Defaults = Defaults(),
        data: [DataSource] = [],
        load: [LoadPhase],
        flow: [Step],
        faults: [FaultSpec] = [],
        slo: [SLOSpec] = [],
        variables: VariableTable = VariableTable(),
        tls: TLSSettings? = nil
    ) {
        self.tls = tls
        self.name = name
        self.file = file
        self.target = target
        self.defaults = defaults
        self.data = data
        self.load = load
        self.flow = flow
        self.faults = faults
        self.slo = slo
        self.variables = variables
    }

    /// How connections are secured: the scenario's `tls:` block, else its target file's, else the defaults.
    public var effectiveTLS: TLSSettings {
        if let tls { return tls }
        if case .file(_, let target) = target, let tls = target.tls { return tls }
        return TLSSettings()
    }

    /// The requests of the flow, in order, without the pauses.
    public var requests: [RequestStep] {
        flow.compactMap {
            if case .request(let request) = $0 { return request }
            return nil
        }
    }
}

/// Where a scenario sends its load: a base URL, or a target file that says how to start the system under test.
public enum TargetReference: Sendable {
    /// `url: http://127.0.0.1:8080`.
    case url(BaseURL)
    /// `target: ../targets/order-service.yaml`, resolved relative to the scenario file and loaded.
    case file(path: String, Target)

    /// The base URL requests with a path are sent to.
    public var baseURL: BaseURL {
        switch self {
        case .url(let url): url
        case .file(_, let target): target.baseURL
        }
    }
}

/// Settings every request step starts from (`defaults:`).
public struct Defaults: Sendable {
    /// Headers sent with every request unless a step sets the same name.
    public var headers: [Header]
    /// How long a request may take before it counts as a timeout.
    public var timeout: Duration
    /// Pause after every request step that sets no think time of its own; nil for none.
    public var think: ThinkTime?
    /// Which HTTP version to speak (`http: auto | 1.1 | 2`).
    public var http: HTTPVersionPreference

    /// The timeout used when a scenario sets none.
    public static let defaultTimeout = Duration.seconds(10)

    public init(
        headers: [Header] = [],
        timeout: Duration = Defaults.defaultTimeout,
        think: ThinkTime? = nil,
        http: HTTPVersionPreference = .auto
    ) {
        self.headers = headers
        self.timeout = timeout
        self.think = think
        self.http = http
    }
}
