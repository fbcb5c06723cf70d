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
    /// Why the run ended before its last phase did (Ctrl-C, SIGTERM, an abort-on-fail SLO); nil when it ran out.
    public var stopped: RunStop?
    /// The wall-clock instant the first phase began (after the target was up).
    public var loadStartedAt: Date?
    /// Which part of a run split across generator machines this report covers; nil for a whole (or merged) run.
    public var segment: RunSegment?
    /// The shared instant every segment was told to start its load at (`--start-at`); a segment that came up late
    /// has a later ``loadStartedAt`` and counted what it missed as dropped.
    public var startAt: Date?

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
        tlsVerification: String? = nil,
        stopped: RunStop? = nil,
        loadStartedAt: Date? = nil,
        segment: RunSegment? = nil,
        startAt: Date? = nil
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
        self.stopped = stopped
        self.loadStartedAt = loadStartedAt
        self.segment = segment
        self.startAt = startAt
    }

    /// The scenario's name, and the segment when the report covers one: `checkout (segment 2/3)`.
    public var title: String {
        scenarioName + (segment.map { " (segment \($0))" } ?? "")
    }

    /// Whether the run spoke TLS without checking the target's certificates.
    public var tlsInsecure: Bool { tlsVerification == Self.insecureTLS }

    /// The run's length in seconds.
    public var durationSeconds: Double { endedAt.timeIntervalSince(startedAt) }
}

/// Segment `index` of `count` (counted from 1) of a run split across generator machines.
public struct RunSegment: Codable, Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }
}

/// Why and when a run was cut short, so a report of a partial run never passes for a whole one.
public struct RunStop: Codable, Sendable, Equatable {
    /// `interrupted` (a signal), `aborted` (an abort-on-fail SLO failed) or `failed` (a part of the run did).
    public var reason: String
    /// Seconds from the start of the load.
    public var at: Double
    /// The signal that interrupted it (`SIGINT`, `SIGTERM`).
    public var signal: String?
    /// The abort-on-fail SLO that failed.
    public var slo: String?
    /// What failed, for `failed`.
    public var error: String?

    public static let interrupted = "interrupted"
    public static let aborted = "aborted"
    public static let failed = "failed"

    public init(reason: String, at: Double, signal: String? = nil, slo: String? = nil, error: String? = nil) {
        self.reason = reason
        self.at = at
        self.signal = signal
        self.slo = slo
        self.error = error
    }

    /// `interrupted by SIGINT at 12.3 s` and the like.
    public var summary: String {
        let cause = signal.map { " by \($0)" } ?? (slo ?? error).map { ": \($0)" } ?? ""
        return "\(reason)\(cause) at \(String(format: "%.1f", at)) s; the report covers what was measured until then"
    }
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
