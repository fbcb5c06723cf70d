import Profiler

/// What the generator publishes once per second: the merged recording of every loop for that span, and its phase.
public struct GeneratedSecond: Sendable {
    /// The phase the span belongs to, by name and by position in the plan.
    public var phase: String
    public var phaseIndex: Int
    public var recording: IntervalRecording

    public init(phase: String, phaseIndex: Int, recording: IntervalRecording) {
        self.phase = phase
        self.phaseIndex = phaseIndex
        self.recording = recording
    }
}
