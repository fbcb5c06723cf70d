import Foundation

extension ReportMerger {
    /// One slice per wall-clock second that any report has a slice in; slices of the same second add up.
    ///
    /// Seconds are merged one at a time and encoded at once: an aggregate holds several full-range histograms, so
    /// keeping every second's open until the end took 2 GB for three 1-hour reports (bench/merge).
    static func mergedTimeline(_ reports: [Report], start: Date, names: [String]) throws(HistogramDecodingError)
        -> [TimeSlice]
    {
        let origin = start.timeIntervalSince1970
        var slicesBySecond: [Int: [(report: Int, slice: Int)]] = [:]
        for (reportIndex, report) in reports.enumerated() {
            let reportStart = report.run.startedAt.timeIntervalSince1970
            for (sliceIndex, slice) in report.timeline.enumerated() {
                let key = Int((reportStart + slice.start - origin).rounded(.down))
                slicesBySecond[key, default: []].append((reportIndex, sliceIndex))
            }
        }
        var timeline: [TimeSlice] = []
        timeline.reserveCapacity(slicesBySecond.count)
        for key in slicesBySecond.keys.sorted() {
            var iterations: (started: UInt64, completed: UInt64, dropped: UInt64) = (0, 0, 0)
            var requests = Array(repeating: RequestAggregate(), count: names.count)
            var length = 0.0
            for (reportIndex, sliceIndex) in slicesBySecond[key]! {
                let slice = reports[reportIndex].timeline[sliceIndex]
                iterations.started += slice.iterationsStarted
                iterations.completed += slice.iterationsCompleted
                iterations.dropped += slice.iterationsDropped
                length = max(length, slice.end - slice.start)
                for (index, statistics) in slice.requests.enumerated() where index < names.count {
                    requests[index].add(try RequestAggregate(statistics))
                }
            }
            var overall = RequestAggregate()
            for request in requests { overall.add(request) }
            timeline.append(
                TimeSlice(
                    start: Double(key),
                    end: Double(key) + length,
                    iterations: iterations,
                    overall: SliceStatistics(name: RequestSummary.overallName, aggregate: overall),
                    requests: zip(names, requests).map { SliceStatistics(name: $0, aggregate: $1) }
                )
            )
        }
        return timeline
    }
}
