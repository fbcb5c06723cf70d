/// Compares two reports per request name on the per-second samples of p50, p90, p99, throughput and error rate.
///
/// A metric changes only when the Mann-Whitney U test says the samples differ (p < alpha) *and* the medians differ
/// by at least the threshold: significance alone is not size, and with low noise tiny changes are significant.
public struct Comparator: Sendable {
    public var alpha: Double
    public var threshold: Double
    /// Fewer samples than this per side can never reach p < 0.05 (the minimum p for 4 + 4 is 0.029).
    public static let minimumSamples = 4

    public init(alpha: Double = 0.05, threshold: Double = 0.05) {
        self.alpha = alpha
        self.threshold = threshold
    }

    /// The comparison of `new` against `base`, over the request names both have (and all requests together).
    public func compare(base: Report, new: Report) -> Comparison {
        let names = [RequestSummary.overallName] + new.requests.map(\.name).filter { base.summary(for: $0) != nil }
        var metrics: [MetricComparison] = []
        for name in names {
            let request = name == RequestSummary.overallName ? nil : name
            for metric in SampledMetric.allCases {
                metrics.append(
                    compare(
                        metric,
                        request: name,
                        base: metric.samples(base, request),
                        new: metric.samples(new, request)
                    )
                )
            }
        }
        return Comparison(base: base.run, new: new.run, alpha: alpha, threshold: threshold, metrics: metrics)
    }

    func compare(_ metric: SampledMetric, request: String, base: [Double], new: [Double]) -> MetricComparison {
        let baseMedian = Self.median(base)
        let newMedian = Self.median(new)
        let change: Double? =
            baseMedian == 0 ? (newMedian == 0 ? 0 : nil) : newMedian / baseMedian - 1
        var result = MetricComparison(
            request: request,
            metric: metric.rawValue,
            baseMedian: baseMedian,
            newMedian: newMedian,
            change: change,
            pValue: nil,
            baseSamples: base.count,
            newSamples: new.count,
            verdict: .insufficientData,
            note: "need at least \(Self.minimumSamples) per-second samples on each side"
        )
        guard base.count >= Self.minimumSamples, new.count >= Self.minimumSamples else { return result }
        let test = MannWhitneyU(base, new)
        result.pValue = test.pValue
        let size = change.map(abs) ?? .infinity
        if test.pValue >= alpha {
            result.verdict = .noChange
            result.note = "not significant"
        } else if size < threshold {
            result.verdict = .noChange
            result.note = "significant, but below the \(Self.percent(threshold)) threshold"
        } else {
            let worse = metric.higherIsWorse ? newMedian > baseMedian : newMedian < baseMedian
            result.verdict = worse ? .regression : .improvement
            result.note = "significant and at least \(Self.percent(threshold))"
        }
        return result
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return (value == value.rounded() ? String(Int(value)) : String(value)) + "%"
    }
}

/// A metric sampled once per second of a run.
enum SampledMetric: String, CaseIterable {
    case p50, p90, p99, throughput
    case errorRate = "error-rate"

    var higherIsWorse: Bool { self != .throughput }

    /// The metric's per-second samples; seconds in which the request did not end at all give no latency sample.
    func samples(_ report: Report, _ request: String?) -> [Double] {
        report.timeline.compactMap { slice -> Double? in
            guard let statistics = slice.statistics(for: request) else { return nil }
            let seconds = slice.end - slice.start
            switch self {
            case .throughput: return seconds > 0 ? Double(statistics.requests) / seconds : nil
            case .errorRate:
                return statistics.requests > 0 ? Double(statistics.errors) / Double(statistics.requests) : nil
            case .p50: return statistics.requests > 0 ? Double(statistics.p50) : nil
            case .p90: return statistics.requests > 0 ? Double(statistics.p90) : nil
            case .p99: return statistics.requests > 0 ? Double(statistics.p99) : nil
            }
        }
    }
}
