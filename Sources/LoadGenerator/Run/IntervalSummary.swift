import Basics
import Histogram
import Profiler

/// One second (or the piece of one at a phase boundary) of a run, reduced to a few numbers: the time series point.
///
/// Keeping these rather than whole histograms per second is what keeps a long run's memory flat.
public struct IntervalSummary: Sendable, Equatable, Codable {
    public var phase: String
    /// Offsets from the start of the run, in seconds.
    public var start: Double
    public var end: Double
    public var requests: UInt64
    public var errors: UInt64
    public var iterationsStarted: UInt64
    public var iterationsDropped: UInt64
    /// Response-time percentiles of the span, in microseconds.
    public var p50: UInt64
    public var p99: UInt64
    public var max: UInt64
    public var bytesReceived: UInt64

    public init(phase: String, recording: IntervalRecording) {
        let overall = recording.overall
        self.phase = phase
        self.start = recording.start.inSeconds
        self.end = recording.end.inSeconds
        self.requests = overall.requests
        self.errors = overall.errors
        self.iterationsStarted = recording.iterationsStarted
        self.iterationsDropped = recording.iterationsDropped
        self.p50 = overall.responseTime.valueAtPercentile(50)
        self.p99 = overall.responseTime.valueAtPercentile(99)
        self.max = overall.responseTime.totalCount > 0 ? overall.responseTime.max : 0
        self.bytesReceived = overall.bytesReceived
    }

    public init(
        phase: String,
        start: Double,
        end: Double,
        requests: UInt64,
        errors: UInt64,
        iterationsStarted: UInt64,
        iterationsDropped: UInt64,
        p50: UInt64,
        p99: UInt64,
        max: UInt64,
        bytesReceived: UInt64
    ) {
        self.phase = phase
        self.start = start
        self.end = end
        self.requests = requests
        self.errors = errors
        self.iterationsStarted = iterationsStarted
        self.iterationsDropped = iterationsDropped
        self.p50 = p50
        self.p99 = p99
        self.max = max
        self.bytesReceived = bytesReceived
    }

    /// Requests per second over the span.
    public var requestRate: Double {
        end > start ? Double(requests) / (end - start) : 0
    }
}
