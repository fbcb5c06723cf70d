/// The comparison of a run with a baseline: per request name and metric, whether it changed beyond noise.
public struct Comparison: Codable, Sendable, Equatable {
    public var base: RunMetadata
    public var new: RunMetadata
    /// The significance level: a change counts only when the test's p-value is below it.
    public var alpha: Double
    /// The smallest relative change (0.05 = 5 %) that fails a comparison when significant.
    public var threshold: Double
    public var metrics: [MetricComparison]

    public init(base: RunMetadata, new: RunMetadata, alpha: Double, threshold: Double, metrics: [MetricComparison]) {
        self.base = base
        self.new = new
        self.alpha = alpha
        self.threshold = threshold
        self.metrics = metrics
    }

    /// Whether any metric regressed.
    public var regressed: Bool { metrics.contains { $0.verdict == .regression } }
}

/// One metric of one request name in both runs: the medians of its per-second samples and the verdict.
public struct MetricComparison: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        /// The difference is within noise (not significant) or below the threshold.
        case noChange = "no-change"
        case regression
        case improvement
        /// Too few per-second samples on one side for the test to ever find a difference.
        case insufficientData = "insufficient-data"
    }

    /// The request name, `*` for all requests.
    public var request: String
    /// `p50`, `p90`, `p99` (µs), `throughput` (requests per second) or `error-rate` (fraction).
    public var metric: String
    public var baseMedian: Double
    public var newMedian: Double
    /// `new / base - 1`; nil when the base median is zero and the new one is not.
    public var change: Double?
    public var pValue: Double?
    public var baseSamples: Int
    public var newSamples: Int
    public var verdict: Verdict
    /// Why the verdict is what it is, in a few words.
    public var note: String
}
