import Basics
import Scenarios

/// Answers "when should iteration n start" for a constant arrival rate: starts are spaced evenly, as k6 and wrk2 do.
///
/// ```
/// rate ▲
///      │ ┌───────────────┐
///      │ │  n / rate     │   iteration n starts at n / rate after the phase begins
///      └─┴───────────────┴──▶ time
/// ```
public struct ConstantArrivalSchedule: Sendable, Equatable {
    public let rate: Rate

    public init(rate: Rate) {
        self.rate = rate
    }

    /// The offset from the start of the phase at which iteration `n` (counted from 0) is meant to start.
    public func intendedStart(ofIteration n: Int) -> Duration {
        .nanoseconds(Int64((Double(n) * 1e9 / rate.perSecond).rounded()))
    }

    /// How many iterations are due in a phase of the given length: those that start strictly before it ends.
    public func iterations(in duration: Duration) -> Int {
        guard rate.perSecond > 0 else { return 0 }
        return exactCount(estimate: duration.inSeconds * rate.perSecond, before: duration)
    }
}
