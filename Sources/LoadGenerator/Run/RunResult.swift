import Profiler

/// What a run measured: totals per phase and overall (full histograms), and the per-second series.
public struct RunResult: Sendable {
    /// One phase's totals and when it ran, as offsets from the start of the run.
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

    /// Adds one merged interval of the phase at `phaseIndex`.
    mutating func add(_ interval: IntervalRecording, phase: String, phaseIndex: Int) {
        totals.add(interval)
        if phases.count <= phaseIndex {
            phases.append(PhaseResult(name: phase, totals: interval))
        } else {
            phases[phaseIndex].totals.add(interval)
        }
        series.append(IntervalSummary(phase: phase, recording: interval))
    }
}
