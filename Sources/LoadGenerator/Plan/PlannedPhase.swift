import Basics

/// One named phase of a run: an open-model arrival rate or a closed-model set of virtual users.
public struct PlannedPhase: Sendable {
    public var name: String
    public var load: Load
    /// How many HTTP/2 connections carry the phase's streams across all loops; nil for the default
    /// (one per ten users, or one per hundred iterations the in-flight cap allows).
    public var connections: Int?

    /// How a phase generates load.
    public enum Load: Sendable {
        /// Iterations start on the schedule for `duration`; at most `maxInFlight` run at once, the rest are dropped.
        case arrivalRate(schedule: any ArrivalSchedule, duration: Duration, maxInFlight: Int)
        /// Virtual users each run iterations back to back (closed model).
        case virtualUsers(VirtualUserLoad)
    }

    public init(name: String, load: Load, connections: Int? = nil) {
        self.name = name
        self.load = load
        self.connections = connections
    }

    /// How long the phase is meant to last (its iterations' grace period aside).
    public var nominalLength: Duration {
        switch load {
        case .arrivalRate(_, let duration, _): duration
        case .virtualUsers(let users): users.duration
        }
    }

    /// The HTTP/2 connections the phase uses, across all loops.
    var http2Connections: Int {
        if let connections { return connections }
        switch load {
        case .arrivalRate(_, _, let maxInFlight): return max(1, (maxInFlight + 99) / 100)
        case .virtualUsers(let users): return max(1, (users.peakUsers + 9) / 10)
        }
    }
}

/// The closed-model shapes: a constant or ramping number of users for a time, or a fixed number of iterations.
public enum VirtualUserLoad: Sendable, Equatable {
    /// `users` users for `duration`.
    case constant(users: Int, duration: Duration)
    /// The user count moves linearly through stages (k6 `ramping-vus`), starting at `startUsers`.
    case ramping(startUsers: Int, stages: [UserStage])
    /// `users` users share `iterations` iterations between them, stopping at `maxDuration` at the latest.
    case sharedIterations(users: Int, iterations: Int, maxDuration: Duration)
    /// Each of `users` users runs `iterations` iterations, stopping at `maxDuration` at the latest.
    case perUserIterations(users: Int, iterations: Int, maxDuration: Duration)

    /// One ramping stage: over `length`, the user count moves linearly to `target`.
    public struct UserStage: Sendable, Equatable {
        public var length: Duration
        public var target: Int
        public init(length: Duration, target: Int) {
            self.length = length
            self.target = target
        }
    }

    /// The most users the shape ever runs at once.
    public var peakUsers: Int {
        switch self {
        case .constant(let users, _), .sharedIterations(let users, _, _), .perUserIterations(let users, _, _): users
        case .ramping(let start, let stages): max(start, stages.map(\.target).max() ?? 0)
        }
    }

    /// How long the shape runs at most.
    public var duration: Duration {
        switch self {
        case .constant(_, let duration): duration
        case .ramping(_, let stages): stages.reduce(.zero) { $0 + $1.length }
        case .sharedIterations(_, _, let limit), .perUserIterations(_, _, let limit): limit
        }
    }

    /// The number of users wanted at `offset` into the phase (linear within each stage, rounded down).
    public func users(at offset: Duration) -> Int {
        guard case .ramping(let start, let stages) = self else { return peakUsers }
        var from = Double(start)
        var stageStart = Duration.zero
        for stage in stages {
            let end = stageStart + stage.length
            if offset < end {
                let fraction = stage.length > .zero ? (offset - stageStart).inSeconds / stage.length.inSeconds : 1
                return Int((from + (Double(stage.target) - from) * fraction).rounded(.down))
            }
            from = Double(stage.target)
            stageStart = end
        }
        return Int(from)
    }
}
