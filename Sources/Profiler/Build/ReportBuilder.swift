/// Turns the per-second recordings of a run, and what the harness knows about it, into a ``Report``.
///
/// The recordings are the generator's one-second spans, already merged across event loops, all of the same flow.
/// Totals are the lossless sum of the spans; throughput is over the run's wall-clock duration.
public enum ReportBuilder {
    /// Builds the report; SLO verdicts and the comparison are added afterwards (``Report/evaluating(_:)``).
    public static func build(recordings: [IntervalRecording], run: RunDescription) -> Report {
        let names = recordings.first?.requestNames ?? []
        let ordered = recordings.sorted { $0.start < $1.start }
        var totals = Array(repeating: RequestAggregate(), count: names.count)
        var timeline: [TimeSlice] = []
        timeline.reserveCapacity(ordered.count)
        for recording in ordered where recording.requestNames == names {
            let aggregates = recording.requests.map(RequestAggregate.init)
            for index in totals.indices { totals[index].add(aggregates[index]) }
            timeline.append(slice(recording, aggregates: aggregates, names: names))
        }
        let seconds = max(run.metadata.durationSeconds, 0)
        var overall = RequestAggregate()
        for total in totals { overall.add(total) }
        return Report(
            run: run.metadata,
            overall: RequestSummary(name: RequestSummary.overallName, aggregate: overall, seconds: seconds),
            requests: zip(names, totals).map { RequestSummary(name: $0, aggregate: $1, seconds: seconds) },
            timeline: timeline,
            faults: run.faults.sorted { $0.start < $1.start },
            resources: run.resources.sorted { $0.offset < $1.offset }
        )
    }

    static func slice(_ recording: IntervalRecording, aggregates: [RequestAggregate], names: [String]) -> TimeSlice {
        var overall = RequestAggregate()
        for aggregate in aggregates { overall.add(aggregate, includingServiceTime: false) }
        return TimeSlice(
            start: recording.start.seconds,
            end: recording.end.seconds,
            iterations: (recording.iterationsStarted, recording.iterationsCompleted, recording.iterationsDropped),
            overall: SliceStatistics(name: RequestSummary.overallName, aggregate: overall),
            requests: zip(names, aggregates).map { SliceStatistics(name: $0, aggregate: $1) }
        )
    }
}

extension RequestSummary {
    /// The name under which all requests together are summarised.
    public static let overallName = "*"
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
