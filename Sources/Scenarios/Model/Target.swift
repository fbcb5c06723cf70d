import Basics

/// A system under test: the processes to start, how to know they are ready, the proxies in front, the base URL.
///
/// A target file may also be just `url: http://…` for a system that is already running.
public struct Target: Sendable {
    /// The target's name (`name:`), or the file's base name.
    public var name: String
    /// The file it was loaded from, empty for a bare URL.
    public var file: String
    /// Where requests go: usually a proxy's listen address, so faults can act on the traffic.
    public var baseURL: BaseURL
    /// Processes to start, in order, before the load begins; stopped in reverse order after.
    public var processes: [TargetProcess]
    /// Fault proxies to put in front of or between the processes.
    public var proxies: [ProxySpec]
    /// Prometheus-style metrics URLs the harness may scrape.
    public var metrics: [String]
    /// How the harness's own HTTPS requests (readiness, metrics) and, unless the scenario has its own, the load
    /// are secured.
    public var tls: TLSSettings?

    public init(
        name: String,
        file: String = "",
        baseURL: BaseURL,
        processes: [TargetProcess] = [],
        proxies: [ProxySpec] = [],
        metrics: [String] = [],
        tls: TLSSettings? = nil
    ) {
        self.tls = tls
        self.name = name
        self.file = file
        self.baseURL = baseURL
        self.processes = processes
        self.proxies = proxies
        self.metrics = metrics
    }
}

/// A process of the system under test: how to start it and how to tell it is ready.
public struct TargetProcess: Sendable, Equatable {
    public var name: String
    /// The executable: a name without a slash is looked up in PATH; a relative path is resolved against the working
    /// directory (the harness's own when there is none), not against the target file's folder.
    public var command: String
    public var arguments: [String]
    /// Variables added to the harness's environment.
    public var environment: [String: String]
    /// The working directory, resolved relative to the target file; nil for the harness's own.
    public var workingDirectory: String?
    /// How to know the process serves; nil to go on at once.
    public var readiness: Readiness?

    public init(
        name: String,
        command: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        readiness: Readiness? = nil
    ) {
        self.name = name
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.readiness = readiness
    }
}

/// A readiness probe, polled until it succeeds or the deadline passes.
public struct Readiness: Sendable, Equatable {
    public var probe: Probe
    /// How long to wait before giving up on the target.
    public var deadline: Duration

    /// The deadline used when a target sets none.
    public static let defaultDeadline = Duration.seconds(30)

    public init(probe: Probe, deadline: Duration = defaultDeadline) {
        self.probe = probe
        self.deadline = deadline
    }

    /// What is polled.
    public enum Probe: Sendable, Equatable {
        /// A GET that answers with a 2xx status (`http:` or `https:`, an http:// or https:// URL).
        case http(String)
        /// A TCP connect that succeeds.
        case tcp(host: String, port: Int)
    }
}

/// A fault proxy: listens on `listen` and forwards to `upstream` (both `host:port`).
public struct ProxySpec: Sendable, Equatable {
    public var name: String
    public var listen: String
    public var upstream: String
    /// What the proxy frames (`protocol:`): bytes only, or HTTP/1.1 messages so HTTP toxics can act per request.
    public var `protocol`: ProxyProtocolName

    public init(name: String, listen: String, upstream: String, protocol: ProxyProtocolName = .tcp) {
        self.name = name
        self.listen = listen
        self.upstream = upstream
        self.protocol = `protocol`
    }
}

/// The `protocol:` of a target file's proxy.
public enum ProxyProtocolName: String, Sendable, CaseIterable {
    /// Bytes only (the default): byte toxics.
    case tcp
    /// HTTP/1.1 framing: byte toxics and the `http_*` toxics.
    case http
}
