import Profiler

/// One loop's recording of the current span, shared by the loop's users and cut once a second.
///
/// Only the loop that owns it touches it, so recording takes no lock; users reach it as a reference so that the
/// span can be swapped under them without their knowing.
final class LoopRecorder {
    private(set) var recording: IntervalRecording
    private let requestNames: [String]

    init(requestNames: [String]) {
        self.requestNames = requestNames
        recording = IntervalRecording(requestNames: requestNames, start: .zero)
    }

    /// The statistics of the step at `index` in the current span.
    subscript(step index: Int) -> RequestStatistics {
        get { recording.requests[index] }
        _modify { yield &recording.requests[index] }
    }

    func iterationStarted() { recording.iterationsStarted &+= 1 }
    func iterationCompleted() { recording.iterationsCompleted &+= 1 }
    func iterationDropped() { recording.iterationsDropped &+= 1 }
    func iterationsDropped(_ count: Int) { recording.iterationsDropped &+= UInt64(count) }

    /// Hands over what was recorded since the last call, as the span ending at `offset` from the run's start.
    func take(endingAt offset: Duration) -> IntervalRecording {
        var taken = IntervalRecording(requestNames: requestNames, start: offset)
        swap(&taken, &recording)
        taken.end = offset
        return taken
    }
}
