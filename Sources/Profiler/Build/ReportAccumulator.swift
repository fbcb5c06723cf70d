import Basics

/// Builds a report one interval at a time, so a run of any length keeps only running totals and compact slices.
///
/// The harness adds each merged one-second recording as it arrives and lets it go; memory then grows by one
/// ``TimeSlice`` (a few encoded histograms) per second, never by full histograms.
public struct ReportAccumulator: Sendable {
    public let requestNames: [String]
    private var totals: [RequestAggregate]
    private var timeline: [TimeSlice] = []

    public init(requestNames: [String]) {
        self.requestNames = requestNames
        totals = Array(repeating: RequestAggregate(), count: requestNames.count)
    }

    /// Adds one span; recordings of another flow are refused, since their requests would not line up.
    public mutating func add(_ recording: IntervalRecording) {
        guard recording.requestNames == requestNames else { return }
        let aggregates = recording.requests.map(RequestAggregate.init)
        for index in totals.indices { totals[index].add(aggregates[index]) }
        timeline.append(ReportBuilder.slice(recording, aggregates: aggregates, names: requestNames))
    }

    /// The report of everything added so far; throughput is over the run's wall-clock duration.
    public func report(run: RunDescription) -> Report {
        let seconds = max(run.metadata.durationSeconds, 0)
        var overall = RequestAggregate()
        for total in totals { overall.add(total) }
        return Report(
            run: run.metadata,
            overall: RequestSummary(name: RequestSummary.overallName, aggregate: overall, seconds: seconds),
            requests: zip(requestNames, totals).map { RequestSummary(name: $0, aggregate: $1, seconds: seconds) },
            timeline: timeline.sorted { $0.start < $1.start },
            faults: run.faults.sorted { $0.start < $1.start },
            resources: run.resources.sorted { $0.offset < $1.offset }
        )
    }
}
