import Histogram

/// A latency distribution: its headline percentiles, its percentile curve and the full histogram, in microseconds.
public struct LatencySummary: Codable, Sendable, Equatable {
    public var count: UInt64
    public var min: UInt64
    public var mean: Double
    public var p50: UInt64
    public var p90: UInt64
    public var p95: UInt64
    public var p99: UInt64
    public var p999: UInt64
    public var p9999: UInt64
    public var max: UInt64
    /// The percentile curve (HdrHistogram's percentile iteration, 5 ticks per half distance), for the distribution chart.
    public var distribution: [PercentilePoint]
    /// The full histogram in the standard compressed HdrHistogram encoding (`HISTFAAA…`).
    public var histogram: String

    /// Summarises a histogram.
    public init(_ histogram: LatencyHistogram) {
        let empty = histogram.totalCount == 0
        count = histogram.totalCount
        min = empty ? 0 : histogram.min
        mean = empty ? 0 : histogram.mean
        p50 = histogram.valueAtPercentile(50)
        p90 = histogram.valueAtPercentile(90)
        p95 = histogram.valueAtPercentile(95)
        p99 = histogram.valueAtPercentile(99)
        p999 = histogram.valueAtPercentile(99.9)
        p9999 = histogram.valueAtPercentile(99.99)
        max = empty ? 0 : histogram.max
        distribution =
            empty
            ? []
            : histogram.percentiles(ticksPerHalfDistance: 5).map {
                PercentilePoint($0.percentileLevelIteratedTo, $0.value)
            }
        self.histogram = HistogramEncoding.encode(histogram)
    }

    /// The histogram decoded from ``histogram``.
    public func decodedHistogram() throws(HistogramDecodingError) -> LatencyHistogram {
        try HistogramEncoding.decode(histogram)
    }
}

/// One point of a percentile curve: the latency (µs) at or below which `percentile` % of requests completed.
public struct PercentilePoint: Codable, Sendable, Equatable {
    public var percentile: Double
    public var value: UInt64

    public init(_ percentile: Double, _ value: UInt64) {
        self.percentile = percentile
        self.value = value
    }
}
