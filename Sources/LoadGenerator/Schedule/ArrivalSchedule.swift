/// An open-model pacing plan: a pure value that answers "when should iteration n start", so executors only follow it.
public protocol ArrivalSchedule: Sendable {
    /// The offset from the start of the phase at which iteration `n` (counted from 0) is meant to start.
    func intendedStart(ofIteration n: Int) -> Duration

    /// How many iterations are due strictly before `duration` has passed since the phase began.
    func iterations(in duration: Duration) -> Int
}

extension ConstantArrivalSchedule: ArrivalSchedule {}

extension ArrivalSchedule {
    /// Corrects an estimate of the iterations due before `duration` so that it agrees exactly with
    /// ``intendedStart(ofIteration:)`` despite rounding starts to the nanosecond.
    func exactCount(estimate: Double, before duration: Duration) -> Int {
        var count = max(0, Int(estimate.rounded(.down)))
        while count > 0 && intendedStart(ofIteration: count - 1) >= duration { count -= 1 }
        while intendedStart(ofIteration: count) < duration { count += 1 }
        return count
    }
}
