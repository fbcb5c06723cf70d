/// One fault on the chaos timeline: what to do, when to start it and how long it lasts.
public struct FaultSpec: Sendable {
    /// Offset from the start of the run.
    public var at: Duration
    /// How long the fault stays on (`for:`); nil for an instantaneous fault (a signal, a kill).
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

/// What a fault does: a toxic on a proxy, a proxy taken down, CPU or memory pressure on the host, or something done
/// to a process the target starts.
public enum FaultAction: Sendable, Equatable {
    /// A Toxiproxy-style toxic on the named proxy.
    case toxic(proxy: String, ToxicSpec)
    /// The proxy stops accepting and drops its connections (Toxiproxy `enabled: false`).
    case down(proxy: String)
    /// Busy-loop threads that hold `percent` of `cores` cores.
    case cpu(CPUPressureSpec)
    /// Memory allocated and touched (resident), held for the window.
    case memory(MemoryPressureSpec)
    /// A process of the target file paused, killed (and maybe restarted) or signalled.
    case process(name: String, ProcessFaultSpec)
}

/// What a process fault does to its process.
public enum ProcessFaultSpec: Sendable, Equatable {
    /// `pause: true`: SIGSTOP for the window, SIGCONT after.
    case pause
    /// `kill: true`: SIGKILL; started again after `restart-after` when given, else down to the end of the run.
    case kill(restartAfter: Duration?)
    /// `signal: TERM`: one signal, by its name without `SIG`.
    case signal(String)

    /// The signal names `signal:` accepts.
    public static let signalNames = ["TERM", "INT", "HUP", "USR1", "USR2", "QUIT"]
}

/// Memory pressure on the host: `bytes`, or `percent` of the memory available when the fault starts.
public struct MemoryPressureSpec: Sendable, Equatable {
    public var bytes: Int?
    public var percent: Double?

    public init(bytes: Int? = nil, percent: Double? = nil) {
        self.bytes = bytes
        self.percent = percent
    }
}

/// A toxic with its attributes, its direction and its toxicity, in Toxiproxy's terms.
public struct ToxicSpec: Sendable, Equatable {
    public var kind: ToxicKind
    /// Which direction it acts on: `downstream` (server → client, Toxiproxy's default) or `upstream`.
    public var stream: ToxicDirection
    /// The share of connections it applies to, drawn per connection (0...1, default 1).
    public var toxicity: Double

    public init(kind: ToxicKind, stream: ToxicDirection = .downstream, toxicity: Double = 1) {
        self.kind = kind
        self.stream = stream
        self.toxicity = toxicity
    }
}

/// The direction of bytes a toxic acts on.
public enum ToxicDirection: String, Sendable, CaseIterable {
    /// Client → server.
    case upstream
    /// Server → client.
    case downstream
}

/// The toxics a fault may name, with typed attributes; `type` and `attributes` give Toxiproxy's JSON shape.
public enum ToxicKind: Sendable, Equatable {
    /// Each chunk delayed `latency ± jitter`.
    case latency(latency: Duration, jitter: Duration)
    /// At most `kilobytesPerSecond` KB/s (KB = 1000 bytes).
    case bandwidth(kilobytesPerSecond: Int)
    /// The close of the socket is delayed.
    case slowClose(delay: Duration)
    /// Data is dropped and the connection closed after `timeout` (zero: held open until removed).
    case timeout(Duration)
    /// The first chunk is swallowed, then the connection reset (TCP RST) after `timeout`.
    case resetPeer(timeout: Duration)
    /// Data split into chunks of about `averageSize ± sizeVariation` bytes, `delay` apart.
    case slicer(averageSize: Int, sizeVariation: Int, delay: Duration)
    /// The connection is closed after `bytes` bytes.
    case limitData(bytes: Int)
    /// Each byte flipped with this probability (Ordeal's own toxic).
    case corrupt(probability: Double)
    /// Each chunk dropped with this probability (Ordeal's own toxic).
    case packetLoss(probability: Double)

    /// The Toxiproxy `type` string.
    public var type: String {
        switch self {
        case .latency: "latency"
        case .bandwidth: "bandwidth"
        case .slowClose: "slow_close"
        case .timeout: "timeout"
        case .resetPeer: "reset_peer"
        case .slicer: "slicer"
        case .limitData: "limit_data"
        case .corrupt: "corrupt"
        case .packetLoss: "packet_loss"
        }
    }

    /// Toxiproxy's `attributes` object: durations in ms (slicer's `delay` in µs), sizes in bytes, rates in KB/s.
    public var attributes: [String: Double] {
        switch self {
        case .latency(let latency, let jitter): ["latency": latency.milliseconds, "jitter": jitter.milliseconds]
        case .bandwidth(let rate): ["rate": Double(rate)]
        case .slowClose(let delay): ["delay": delay.milliseconds]
        case .timeout(let timeout): ["timeout": timeout.milliseconds]
        case .resetPeer(let timeout): ["timeout": timeout.milliseconds]
        case .slicer(let average, let variation, let delay):
            ["average_size": Double(average), "size_variation": Double(variation), "delay": delay.milliseconds * 1000]
        case .limitData(let bytes): ["bytes": Double(bytes)]
        case .corrupt(let probability): ["probability": probability]
        case .packetLoss(let probability): ["probability": probability]
        }
    }
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

extension Duration {
    /// This duration in milliseconds, fractional.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
