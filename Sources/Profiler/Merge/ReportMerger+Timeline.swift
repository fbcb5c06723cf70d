import Foundation

extension ReportMerger {
    /// One slice per wall-clock second that any report has a slice in; slices of the same second add up.
    static func mergedTimeline(_ reports: [Report], start: Date, names: [String]) throws(HistogramDecodingError)
        -> [TimeSlice]
    {
        struct Accumulator {
            var iterations: (started: UInt64, completed: UInt64, dropped: UInt64) = (0, 0, 0)
            var requests: [RequestAggregate]
            var length = 0.0
        }
        let origin = start.timeIntervalSince1970
        var seconds: [Int: Accumulator] = [:]
        for report in reports {
            let reportStart = report.run.startedAt.timeIntervalSince1970
            for slice in report.timeline {
                let key = Int((reportStart + slice.start - origin).rounded(.down))
                var accumulator =
                    seconds[key] ?? Accumulator(requests: Array(repeating: RequestAggregate(), count: names.count))
                accumulator.iterations.started += slice.iterationsStarted
                accumulator.iterations.completed += slice.iterationsCompleted
                accumulator.iterations.dropped += slice.iterationsDropped
                accumulator.length = max(accumulator.length, slice.end - slice.start)
                for (index, statistics) in slice.requests.enumerated() where index < names.count {
                    accumulator.requests[index].add(try RequestAggregate(statistics))
                }
                seconds[key] = accumulator
            }
        }
        return seconds.keys.sorted().map { key in
            let accumulator = seconds[key]!
            var overall = RequestAggregate()
            for request in accumulator.requests { overall.add(request) }
            return TimeSlice(
                start: Double(key),
                end: Double(key) + accumulator.length,
                iterations: accumulator.iterations,
                overall: SliceStatistics(name: RequestSummary.overallName, aggregate: overall),
                requests: zip(names, accumulator.requests).map { SliceStatistics(name: $0, aggregate: $1) }
            )
        }
    }
}
