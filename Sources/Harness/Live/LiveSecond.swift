import Basics
import Histogram
import Profiler

/// One second of a run as every live observer sees it: the console, the dashboard's `/events`, `--jsonl`, the
/// Prometheus exporter and the abort-on-fail check. Encoded as one JSON object (documented in the README).
///
/// Times are seconds from the start of the load, on the run's one clock, so fault windows and latency slices line up.
public struct LiveSecond: Sendable, Codable, Equatable {
    /// The span's start and end, seconds from the start of the load.
    public var start: Double
    public var end: Double
    public var phase: String
    public var requests: UInt64
    public var errors: UInt64
    public var requestRate: Double
    public var iterationsStarted: UInt64
    public var iterationsDropped: UInt64
    /// At the span's end: virtual users inside an iteration, and requests sent and not yet answered.
    public var vus: UInt64
    public var inFlight: UInt64
    /// Response-time percentiles of the span in milliseconds (from the intended start); nil when nothing answered.
    public var latency: Percentiles?
    /// Responses by status code, as text keys (`"200"`).
    public var statuses: [String: UInt64]
    /// Failures by kind (`connect-refused`, `timeout`, `check-failed`, …).
    public var errorsByKind: [String: UInt64]
    /// The same numbers per request of the flow, in flow order.
    public var perRequest: [Request]
    /// Everything since the start of the load.
    public var total: Totals
    /// Fault windows opened so far; `end` is nil while a fault is on.
    public var faults: [Fault]
    /// Each SLO as it stands on everything measured so far.
    public var slos: [SLOState]
    /// The target's processes' latest CPU (percent of one core) and resident memory.
    public var resources: [Resource]
    /// The generator's merged recording of the span, for observers that need its histograms (the console's window,
    /// the Prometheus buckets); not encoded.
    public var recording: IntervalRecording?

    enum CodingKeys: String, CodingKey {
        case start, end, phase, requests, errors, requestRate, iterationsStarted, iterationsDropped, vus, inFlight
        case latency
        case statuses, errorsByKind, perRequest, total, faults, slos, resources
    }

    public struct Percentiles: Sendable, Codable, Equatable {
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var max: Double
    }

    public struct Request: Sendable, Codable, Equatable {
        public var name: String
        public var requests: UInt64
        public var errors: UInt64
        public var latency: Percentiles?
    }

    public struct Totals: Sendable, Codable, Equatable {
        public var requests: UInt64
        public var responses: UInt64
        public var errors: UInt64
        public var iterationsDropped: UInt64
    }

    public struct Fault: Sendable, Codable, Equatable {
        public var description: String
        public var start: Double
        public var end: Double?
    }

    public struct SLOState: Sendable, Codable, Equatable {
        public var expression: String
        /// `pass`, `fail` or `no-data`.
        public var status: String
        public var observed: Double?
    }

    public struct Resource: Sendable, Codable, Equatable {
        public var process: String
        public var cpuPercent: Double
        public var rssBytes: UInt64
    }
}

extension LiveSecond.Percentiles {
    /// The percentiles of a histogram in milliseconds; nil for an empty one (a percentile of nothing is no number).
    init?(_ histogram: LatencyHistogram) {
        guard histogram.totalCount > 0 else { return nil }
        let milliseconds = { (value: UInt64) in Double(value) / 1_000 }
        p50 = milliseconds(histogram.valueAtPercentile(50))
        p90 = milliseconds(histogram.valueAtPercentile(90))
        p99 = milliseconds(histogram.valueAtPercentile(99))
        max = milliseconds(histogram.max)
    }
}

extension LiveSecond {
    /// The second's numbers from the generator's merged recording; the run's context (totals, faults, SLOs,
    /// resources) is filled in by the ``LiveFeed``.
    init(phase: String, recording: IntervalRecording) {
        let overall = recording.overall
        start = recording.start.inSeconds
        end = recording.end.inSeconds
        self.phase = phase
        requests = overall.requests
        errors = overall.errors
        requestRate = end > start ? Double(overall.requests) / (end - start) : 0
        iterationsStarted = recording.iterationsStarted
        iterationsDropped = recording.iterationsDropped
        vus = recording.activeUsers
        inFlight = recording.inFlight
        latency = Percentiles(overall.responseTime)
        statuses = Dictionary(uniqueKeysWithValues: overall.statuses.map { (String($0.status), $0.count) })
        errorsByKind = Dictionary(
            uniqueKeysWithValues: ErrorKind.allCases.compactMap { kind in
                let count = overall.count(of: kind)
                return count > 0 ? (kind.rawValue, count) : nil
            }
        )
        perRequest = zip(recording.requestNames, recording.requests).map { name, statistics in
            Request(
                name: name,
                requests: statistics.requests,
                errors: statistics.errors,
                latency: Percentiles(statistics.responseTime)
            )
        }
        total = Totals(requests: 0, responses: 0, errors: 0, iterationsDropped: 0)
        faults = []
        slos = []
        resources = []
        self.recording = recording
    }
}
