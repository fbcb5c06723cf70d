import Profiler

/// A run's seconds added up: totals per phase and overall (full histograms) and the per-second series, for a caller
/// with no aggregation of its own (``LoadGenerator/collect(onSecond:)``: tests, one-off runs). The harness does not
/// use it: its report accumulator is the run's one aggregation.
public struct RunResult: Sendable {
    /// One phase's totals, as offsets from the start of the run.
    public struct PhaseResult: Sendable {
        public var name: String
        public var totals: IntervalRecording
    }

    public var phases: [PhaseResult]
    public var totals: IntervalRecording
    public var series: [IntervalSummary]
    /// Whether the run was stopped before its last phase ended (Ctrl-C).
    public var wasInterrupted: Bool

    init(requestNames: [String]) {
        phases = []
        totals = IntervalRecording(requestNames: requestNames, start: .zero)
        series = []
        wasInterrupted = false
    }

    /// Adds one published second.
    mutating func add(_ second: GeneratedSecond) {
        let interval = second.recording
        totals.add(interval)
        if phases.count <= second.phaseIndex {
            phases.append(PhaseResult(name: second.phase, totals: interval))
        } else {
            phases[second.phaseIndex].totals.add(interval)
        }
        series.append(IntervalSummary(phase: second.phase, recording: interval))
    }
}
