import Histogram

/// One second of the run: per request name, what ended in it, and its response-time histogram.
public struct TimeSlice: Codable, Sendable, Equatable {
    /// Seconds from the start of the run.
    public var start: Double
    public var end: Double
    public var iterationsStarted: UInt64
    public var iterationsCompleted: UInt64
    public var iterationsDropped: UInt64
    /// All requests together.
    public var overall: SliceStatistics
    /// Per request name, in flow order (the same order as ``Report/requests``).
    public var requests: [SliceStatistics]

    public init(
        start: Double,
        end: Double,
        iterations: (started: UInt64, completed: UInt64, dropped: UInt64),
        overall: SliceStatistics,
        requests: [SliceStatistics]
    ) {
        self.start = start
        self.end = end
        iterationsStarted = iterations.started
        iterationsCompleted = iterations.completed
        iterationsDropped = iterations.dropped
        self.overall = overall
        self.requests = requests
    }

    /// The statistics of one request name, or of all requests when `name` is nil.
    public func statistics(for name: String?) -> SliceStatistics? {
        guard let name else { return overall }
        return requests.first { $0.name == name }
    }
}

/// One request name's numbers in one slice of the time series; latencies in microseconds.
public struct SliceStatistics: Codable, Sendable, Equatable {
    public var name: String
    public var requests: UInt64
    public var errors: UInt64
    public var p50: UInt64
    public var p90: UInt64
    public var p99: UInt64
    public var max: UInt64
    /// The slice's response-time histogram (`HISTFAAA…`), so that any window's percentiles are exact.
    public var responseTime: String

    init(name: String, aggregate: RequestAggregate) {
        let histogram = aggregate.responseTime
        let (encoded, values) = HistogramEncoding.encode(histogram, percentiles: [50, 90, 99])
        self.name = name
        requests = aggregate.requests
        errors = aggregate.errors
        p50 = values[0]
        p90 = values[1]
        p99 = values[2]
        max = histogram.totalCount == 0 ? 0 : histogram.max
        responseTime = encoded
    }
}
