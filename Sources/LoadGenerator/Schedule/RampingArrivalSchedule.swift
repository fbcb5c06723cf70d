import Scenarios

/// Arrival rate moving linearly from one rate to another over a phase (k6 `ramping-arrival-rate` with one stage).
///
/// ```
/// rate ▲        ╱
///      │      ╱        starts crowd together as the rate rises
///      │    ╱
///      │──╱
///      └──────────▶ time
/// ```
/// After `length` the rate stays at `to`.
public struct RampingArrivalSchedule: ArrivalSchedule, Equatable {
    let staged: StagedArrivalSchedule

    public init(from: Rate, to: Rate, over length: Duration) {
        staged = StagedArrivalSchedule(startRate: from, stages: [.init(length: length, target: to)])
    }

    public func intendedStart(ofIteration n: Int) -> Duration {
        staged.intendedStart(ofIteration: n)
    }

    public func iterations(in duration: Duration) -> Int {
        staged.iterations(in: duration)
    }
}
