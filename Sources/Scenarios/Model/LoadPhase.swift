/// One named load phase; phases run one after another.
public struct LoadPhase: Sendable {
    /// The phase's name (`name:`), unique within the scenario.
    public var name: String
    /// Which executor runs it and with which settings.
    public var kind: Kind
    /// Where the phase is declared.
    public var location: SourceLocation
    /// How many connections carry the phase's requests (`connections:`); nil for the default of the protocol
    /// (HTTP/1.1: one per user; HTTP/2: one per ten users).
    public var connections: Int?

    public init(name: String, kind: Kind, location: SourceLocation, connections: Int? = nil) {
        self.name = name
        self.kind = kind
        self.location = location
        self.connections = connections
    }

    /// The executor shape of a phase, after k6's executors (ANCHORS.md §1).
    public enum Kind: Sendable {
        /// Open model, fixed rate: `arrival-rate: 500/s, duration: 60s`.
        case constantArrivalRate(ConstantArrivalRate)
        /// Open model, linear ramps: `arrival-rate: {from, to}, duration` or `arrival-rate: 50/s, stages: [...]`.
        case rampingArrivalRate(RampingArrivalRate)
        /// Closed model, fixed concurrency: `vus: 50, duration: 30s`.
        case constantVirtualUsers(ConstantVirtualUsers)
        /// Closed model, linear ramps of concurrency: `vus: 0, stages: [{to: 50, duration: 30s}]`.
        case rampingVirtualUsers(RampingVirtualUsers)
        /// A fixed number of iterations: `iterations: 1000` (shared) or `iterations-per-vu: 100`.
        case iterations(FixedIterations)
    }

    /// How long the phase lasts by its schedule; for fixed iterations, its `max-duration`.
    public var duration: Duration {
        switch kind {
        case .constantArrivalRate(let phase): phase.duration
        case .rampingArrivalRate(let phase): phase.stages.reduce(.zero) { $0 + $1.duration }
        case .constantVirtualUsers(let phase): phase.duration
        case .rampingVirtualUsers(let phase): phase.stages.reduce(.zero) { $0 + $1.duration }
        case .iterations(let phase): phase.maxDuration
        }
    }
}

/// The cap of iterations in flight used when an open-model phase sets no `max-in-flight`.
public let defaultMaxInFlight = 1000

/// Iterations start at a constant rate; those that find `maxInFlight` iterations running are dropped and counted.
public struct ConstantArrivalRate: Sendable, Equatable {
    public var rate: Rate
    public var duration: Duration
    public var maxInFlight: Int

    public init(rate: Rate, duration: Duration, maxInFlight: Int = defaultMaxInFlight) {
        self.rate = rate
        self.duration = duration
        self.maxInFlight = maxInFlight
    }
}

/// Iterations start at a rate that moves linearly from `start` through each stage's target.
public struct RampingArrivalRate: Sendable, Equatable {
    /// The rate at the start of the first stage.
    public var start: Rate
    /// Each stage ramps linearly from the previous target to its own over its duration.
    public var stages: [RateStage]
    public var maxInFlight: Int

    public init(start: Rate, stages: [RateStage], maxInFlight: Int = defaultMaxInFlight) {
        self.start = start
        self.stages = stages
        self.maxInFlight = maxInFlight
    }
}

/// One linear segment of a ramping arrival rate.
public struct RateStage: Sendable, Equatable {
    public var target: Rate
    public var duration: Duration

    public init(target: Rate, duration: Duration) {
        self.target = target
        self.duration = duration
    }
}

/// A fixed number of virtual users loop over the flow for a duration.
public struct ConstantVirtualUsers: Sendable, Equatable {
    public var virtualUsers: Int
    public var duration: Duration

    public init(virtualUsers: Int, duration: Duration) {
        self.virtualUsers = virtualUsers
        self.duration = duration
    }
}

/// The number of virtual users moves linearly from `start` through each stage's target.
public struct RampingVirtualUsers: Sendable, Equatable {
    public var start: Int
    public var stages: [VirtualUserStage]

    public init(start: Int, stages: [VirtualUserStage]) {
        self.start = start
        self.stages = stages
    }
}

/// One linear segment of a ramping virtual-user count.
public struct VirtualUserStage: Sendable, Equatable {
    public var target: Int
    public var duration: Duration

    public init(target: Int, duration: Duration) {
        self.target = target
        self.duration = duration
    }
}

/// A fixed amount of work shared by `virtualUsers` users, or the same amount for each of them.
public struct FixedIterations: Sendable, Equatable {
    /// Whether `count` is the total (shared) or each user's own.
    public enum Distribution: String, Sendable, Equatable {
        case shared
        case perVirtualUser = "per-vu"
    }

    public var count: Int
    public var distribution: Distribution
    public var virtualUsers: Int
    /// The phase stops at this time even if iterations remain (k6's `maxDuration`).
    public var maxDuration: Duration

    /// The `max-duration` used when a phase sets none (k6's default).
    public static let defaultMaxDuration = Duration.seconds(600)

    public init(count: Int, distribution: Distribution, virtualUsers: Int, maxDuration: Duration = defaultMaxDuration) {
        self.count = count
        self.distribution = distribution
        self.virtualUsers = virtualUsers
        self.maxDuration = maxDuration
    }

    /// Iterations the whole phase runs.
    public var totalIterations: Int { distribution == .shared ? count : count * virtualUsers }
}
