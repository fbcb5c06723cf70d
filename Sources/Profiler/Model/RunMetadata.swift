import Foundation

/// What was run, against what, by which build, where and when.
public struct RunMetadata: Codable, Sendable, Equatable {
    public var scenarioName: String
    /// A hash of the scenario file's content; reports merge or compare meaningfully only when they match.
    public var scenarioHash: String
    /// The target's base URL or name.
    public var target: String
    public var toolVersion: String
    public var host: String
    /// Wall-clock start and end of the run.
    public var startedAt: Date
    public var endedAt: Date
    public var phases: [PhaseSpan]
    /// How the target's TLS certificates were checked: `verified`, or `insecure` when checking was turned off;
    /// nil when the run used no TLS. An insecure run is flagged in every report.
    public var tlsVerification: String?

    /// The value of ``tlsVerification`` when certificates were not checked.
    public static let insecureTLS = "insecure"
    /// The value of ``tlsVerification`` when certificates were checked.
    public static let verifiedTLS = "verified"

    public init(
        scenarioName: String,
        scenarioHash: String,
        target: String,
        toolVersion: String,
        host: String,
        startedAt: Date,
        endedAt: Date,
        phases: [PhaseSpan] = [],
        tlsVerification: String? = nil
    ) {
        self.scenarioName = scenarioName
        self.scenarioHash = scenarioHash
        self.target = target
        self.toolVersion = toolVersion
        self.host = host
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.phases = phases
        self.tlsVerification = tlsVerification
    }

    /// Whether the run spoke TLS without checking the target's certificates.
    public var tlsInsecure: Bool { tlsVerification == Self.insecureTLS }

    /// The run's length in seconds.
    public var durationSeconds: Double { endedAt.timeIntervalSince(startedAt) }
}

/// One load phase (warm-up, ramp, steady…) as it actually ran, in seconds from the start of the run.
public struct PhaseSpan: Codable, Sendable, Equatable {
    public var name: String
    public var start: Double
    public var end: Double

    public init(name: String, start: Double, end: Double) {
        self.name = name
        self.start = start
        self.end = end
    }
}

/// A fault as it was actually active, in seconds from the start of the run.
public struct FaultWindow: Codable, Sendable, Equatable {
    /// The fault's kind and where it acted, for example `latency on payments` or `cpu 80%`.
    public var description: String
    public var start: Double
    public var end: Double
    /// For a process killed and restarted: when its readiness check passed again (the window's end).
    public var ready: Double?
    /// Why the fault failed to apply or to lift (a process that had already died on its own); see ``applied``.
    public var error: String?
    /// What the fault achieved, when it says (the resident size memory pressure reached).
    public var note: String?
    /// False for a fault that never took effect: it is listed with its error at its planned start, and is no part
    /// of the before/during/after scopes. Absent (nil) means it did.
    public var applied: Bool?

    public init(
        description: String,
        start: Double,
        end: Double,
        ready: Double? = nil,
        error: String? = nil,
        note: String? = nil,
        applied: Bool? = nil
    ) {
        self.description = description
        self.start = start
        self.end = end
        self.ready = ready
        self.error = error
        self.note = note
        self.applied = applied
    }

    /// Whether the fault took effect (reports without the field predate faults that can fail).
    public var tookEffect: Bool { applied != false }
}

/// One sample of a target process's resource use.
public struct ResourceSample: Codable, Sendable, Equatable {
    /// Seconds from the start of the run.
    public var offset: Double
    public var process: String
    /// CPU use in percent of one core (200 = two cores busy).
    public var cpuPercent: Double
    public var rssBytes: UInt64

    public init(offset: Double, process: String, cpuPercent: Double, rssBytes: UInt64) {
        self.offset = offset
        self.process = process
        self.cpuPercent = cpuPercent
        self.rssBytes = rssBytes
    }
}
