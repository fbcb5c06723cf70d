import Basics
import Histogram

/// The requests of one name (or all) over one scope of a run, summed from the report's totals or its time series.
struct ReportWindow {
    /// Why a scope has no window in this run.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    let aggregate: RequestAggregate
    let seconds: Double

    init(report: Report, scope: SLOScope, request: String?) throws(Unavailable) {
        if scope == .wholeRun, let summary = report.summary(for: request), let whole = try? RequestAggregate(summary) {
            self.init(aggregate: whole, seconds: report.run.durationSeconds)
            return
        }
        self.init(slices: try Self.slices(of: report, in: scope), request: request)
    }

    init(aggregate: RequestAggregate, seconds: Double) {
        self.aggregate = aggregate
        self.seconds = seconds
    }

    /// The sum of some slices of the time series (per-second checks use one slice).
    init(slices: [TimeSlice], request: String?) {
        var sum = RequestAggregate()
        var seconds = 0.0
        for slice in slices {
            seconds += slice.end - slice.start
            guard let statistics = slice.statistics(for: request), let part = try? RequestAggregate(statistics) else {
                continue
            }
            sum.add(part)
        }
        self.init(aggregate: sum, seconds: seconds)
    }

    /// The slices of the time series that fall in a scope.
    static func slices(of report: Report, in scope: SLOScope) throws(Unavailable) -> [TimeSlice] {
        let faults = report.faults.filter { $0.wasApplied }
        switch scope {
        case .wholeRun:
            return report.timeline
        case .phase(let name):
            guard let phase = report.run.phases.first(where: { $0.name == name }) else {
                let known = report.run.phases.map(\.name).joined(separator: ", ")
                throw Unavailable(description: "no phase named '\(name)' in this run (phases: \(known))")
            }
            return report.timeline.filter { (phase.start..<phase.end).contains(($0.start + $0.end) / 2) }
        case .beforeFaults, .duringFaults, .afterFaults:
            guard let first = faults.map(\.start).min(), let last = faults.map(\.end).max() else {
                throw Unavailable(description: "the run had no fault windows, so '\(scope)' is empty")
            }
            return report.timeline.filter { slice in
                switch scope {
                case .beforeFaults: slice.end <= first
                case .afterFaults: slice.start >= last
                default: faults.contains { slice.start < $0.end && slice.end > $0.start }
                }
            }
        }
    }

    /// The metric's value in canonical units, or nil when the window holds nothing to measure.
    func value(of metric: SLOMetric) -> Double? {
        let histogram = aggregate.responseTime
        switch metric {
        case .count: return seconds > 0 || aggregate.requests > 0 ? Double(aggregate.requests) : nil
        case .throughput: return seconds > 0 ? Double(aggregate.requests) / seconds : nil
        case .errorRate:
            return aggregate.requests > 0 ? Double(aggregate.errors) / Double(aggregate.requests) : nil
        default: break
        }
        guard histogram.totalCount > 0 else { return nil }
        switch metric {
        case .percentile(let percentile): return Double(histogram.valueAtPercentile(percentile))
        case .mean: return histogram.mean
        case .min: return Double(histogram.min)
        default: return Double(histogram.max)
        }
    }
}
