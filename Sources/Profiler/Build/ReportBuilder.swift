import Basics

/// Turns the per-second recordings of a run, and what the harness knows about it, into a ``Report``.
///
/// The recordings are the generator's one-second spans, already merged across event loops, all of the same flow.
/// Totals are the lossless sum of the spans; throughput is over the run's wall-clock duration.
public enum ReportBuilder {
    /// Builds the report; SLO verdicts and the comparison are added afterwards (``Report/evaluating(_:)``).
    public static func build(recordings: [IntervalRecording], run: RunDescription) -> Report {
        var accumulator = ReportAccumulator(requestNames: recordings.first?.requestNames ?? [])
        for recording in recordings.sorted(by: { $0.start < $1.start }) { accumulator.add(recording) }
        return accumulator.report(run: run)
    }

    static func slice(_ recording: IntervalRecording, aggregates: [RequestAggregate], names: [String]) -> TimeSlice {
        var overall = RequestAggregate()
        for aggregate in aggregates { overall.add(aggregate, includingServiceTime: false) }
        return TimeSlice(
            start: recording.start.inSeconds,
            end: recording.end.inSeconds,
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
