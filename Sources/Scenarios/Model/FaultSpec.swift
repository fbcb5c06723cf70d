/// One fault on the chaos timeline: what to do, when to start it and how long it lasts.
public struct FaultSpec: Sendable, Equatable {
    /// Offset from the start of the run.
    public var at: Duration
    /// How long the fault stays on (`for:`); nil for a fault that is one act (a kill, a signal).
    public var duration: Duration?
    public var action: FaultAction
    public var location: SourceLocation

    public init(at: Duration, duration: Duration?, action: FaultAction, location: SourceLocation) {
        self.at = at
        self.duration = duration
        self.action = action
        self.location = location
    }

    /// When the fault is removed, as an offset from the start of the run; nil when it has no length.
    public var end: Duration? { duration.map { at + $0 } }
}

/// What a fault does: a toxic on a proxy, a proxy taken down, pressure on the host, or a signal to a process.
public enum FaultAction: Sendable, Equatable {
    /// A toxic on the named proxy, as written: the fault injector's registry decodes and checks it.
    case toxic(proxy: String, RawToxic)
    /// The proxy stops accepting and drops its connections (Toxiproxy `enabled: false`).
    case down(proxy: String)
    /// Busy-loop threads that hold `percent` of `cores` cores.
    case cpu(CPUPressureSpec)
    /// Memory allocated and touched so it is resident, released after the window.
    case memory(MemoryPressureSpec)
    /// A process of the target file paused, killed or signalled.
    case process(name: String, ProcessFaultSpec)
}

/// A toxic exactly as the scenario gives it: its type, its envelope and its attributes as text, each with where it
/// was written, so the fault injector (which knows every toxic) can check it and point at the file.
///
/// Scenarios knows no toxic: adding one is a file in FaultInjector, never a change here.
public struct RawToxic: Sendable, Equatable {
    /// Toxiproxy's `type`, the fault's key (`latency`, `http_status`).
    public var type: String
    /// Where the type's key is.
    public var typeLocation: SourceLocation
    /// Which direction it acts on: `downstream` (server → client, Toxiproxy's default) or `upstream`.
    public var stream: ToxicDirection
    /// The share of connections (of requests, for an HTTP toxic) it applies to, 0...1.
    public var toxicity: Double
    /// The attributes, in the order written.
    public var attributes: [RawAttribute]
    /// Where the attributes' mapping is.
    public var location: SourceLocation

    public init(
        type: String,
        typeLocation: SourceLocation,
        stream: ToxicDirection = .downstream,
        toxicity: Double = 1,
        attributes: [RawAttribute] = [],
        location: SourceLocation
    ) {
        self.type = type
        self.typeLocation = typeLocation
        self.stream = stream
        self.toxicity = toxicity
        self.attributes = attributes
        self.location = location
    }
}

/// One attribute of a toxic as written: its name and its scalar text (`200ms`, `5%`, `/api/*`).
public struct RawAttribute: Sendable, Equatable {
    public var name: String
    public var text: String
    /// Where the name is.
    public var nameLocation: SourceLocation
    /// Where the value is.
    public var location: SourceLocation

    public init(name: String, text: String, nameLocation: SourceLocation, location: SourceLocation) {
        self.name = name
        self.text = text
        self.nameLocation = nameLocation
        self.location = location
    }
}

/// The direction of bytes a toxic acts on.
public enum ToxicDirection: String, Sendable, CaseIterable {
    /// Client → server.
    case upstream
    /// Server → client.
    case downstream
}

/// CPU pressure on the host: `percent` of each of `cores` cores (nil: every core).
public struct CPUPressureSpec: Sendable, Equatable {
    public var percent: Double
    public var cores: Int?

    public init(percent: Double, cores: Int? = nil) {
        self.percent = percent
        self.cores = cores
    }
}

/// Memory pressure on the host: a size in bytes, or a share of the memory available when the fault starts.
public enum MemoryPressureSpec: Sendable, Equatable {
    case bytes(Int)
    /// A share of MemAvailable, 0 < percent ≤ 100.
    case percent(Double)
}

/// What a process fault does to its process.
public enum ProcessFaultSpec: Sendable, Equatable {
    /// SIGSTOP at the start of the window, SIGCONT at its end.
    case pause
    /// SIGKILL; started again after `restartAfter` (and waited for until ready), or left down to the end of the run.
    case kill(restartAfter: Duration?)
    /// One signal: `TERM`, `INT` or `HUP`.
    case signal(String)
}
