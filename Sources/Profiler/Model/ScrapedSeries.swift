/// One Prometheus series of the target (a counter or a gauge) as the harness saw it, scraped once a second.
///
/// Counters keep their increase over the run; gauges keep the moments their value changed, so a state gauge
/// such as `payments_circuit_state` shows when a breaker opened and closed next to the latency chart.
public struct ScrapedSeries: Codable, Sendable, Equatable {
    /// The Prometheus metric type; other types (histograms, summaries, untyped) are not kept.
    public enum Kind: String, Codable, Sendable {
        case counter, gauge
    }

    /// The metrics URL it was scraped from.
    public var source: String
    /// The series as exposed: name and labels, such as `http_requests_total{status="503"}`.
    public var series: String
    public var kind: Kind
    /// Offset of the first and the last scrape that had the series, seconds from the start of the run.
    public var firstOffset: Double
    public var lastOffset: Double
    public var first: Double
    public var last: Double
    public var min: Double
    public var max: Double
    /// Counters: the increase between the first and the last scrape (from zero for a series that appeared during
    /// the run); a drop (a restart) counts from zero.
    public var increase: Double?
    /// Gauges: the first value and every change after it, in time order (at most ``maxChanges``).
    public var changes: [MetricPoint]?

    /// The most changes a gauge keeps; a gauge that changes every second is a level, not a state.
    public static let maxChanges = 120

    /// - Parameter appeared: the series was missing from an earlier scrape of its source; a counter then counts
    ///   its first value as increase too, since counters are created at zero.
    public init(source: String, series: String, kind: Kind, offset: Double, value: Double, appeared: Bool = false) {
        self.source = source
        self.series = series
        self.kind = kind
        firstOffset = offset
        lastOffset = offset
        first = value
        last = value
        min = value
        max = value
        increase = kind == .counter ? (appeared ? value : 0) : nil
        changes = kind == .gauge ? [MetricPoint(offset: offset, value: value)] : nil
    }

    /// Adds the next scrape's value.
    public mutating func add(offset: Double, value: Double) {
        if kind == .counter { increase = (increase ?? 0) + (value >= last ? value - last : value) }
        if kind == .gauge, value != last, (changes?.count ?? 0) < Self.maxChanges {
            changes?.append(MetricPoint(offset: offset, value: value))
        }
        lastOffset = offset
        last = value
        min = Swift.min(min, value)
        max = Swift.max(max, value)
    }
}

/// A value of a series at an offset from the start of the run, in seconds.
public struct MetricPoint: Codable, Sendable, Equatable {
    public var offset: Double
    public var value: Double

    public init(offset: Double, value: Double) {
        self.offset = offset
        self.value = value
    }
}
