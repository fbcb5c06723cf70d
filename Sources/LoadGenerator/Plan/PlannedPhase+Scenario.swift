import Scenarios

extension LoadPlan {
    /// The engine's phase for a scenario phase: the same name, shape and connection count.
    static func planned(_ phase: LoadPhase) -> PlannedPhase {
        var planned = shaped(phase)
        planned.connections = phase.connections
        return planned
    }

    private static func shaped(_ phase: LoadPhase) -> PlannedPhase {
        switch phase.kind {
        case .constantArrivalRate(let constant):
            return PlannedPhase(
                name: phase.name,
                load: .arrivalRate(
                    schedule: ConstantArrivalSchedule(rate: constant.rate),
                    duration: constant.duration,
                    maxInFlight: constant.maxInFlight
                )
            )
        case .rampingArrivalRate(let ramping):
            let stages = ramping.stages.map { StagedArrivalSchedule.Stage(length: $0.duration, target: $0.target) }
            return PlannedPhase(
                name: phase.name,
                load: .arrivalRate(
                    schedule: StagedArrivalSchedule(startRate: ramping.start, stages: stages),
                    duration: phase.duration,
                    maxInFlight: ramping.maxInFlight
                )
            )
        case .constantVirtualUsers(let users):
            return PlannedPhase(
                name: phase.name,
                load: .virtualUsers(.constant(users: users.virtualUsers, duration: users.duration))
            )
        case .rampingVirtualUsers(let ramping):
            let stages = ramping.stages.map { VirtualUserLoad.UserStage(length: $0.duration, target: $0.target) }
            return PlannedPhase(
                name: phase.name,
                load: .virtualUsers(.ramping(startUsers: ramping.start, stages: stages))
            )
        case .iterations(let fixed):
            let load: VirtualUserLoad =
                fixed.distribution == .shared
                ? .sharedIterations(users: fixed.virtualUsers, iterations: fixed.count, maxDuration: fixed.maxDuration)
                : .perUserIterations(users: fixed.virtualUsers, iterations: fixed.count, maxDuration: fixed.maxDuration)
            return PlannedPhase(name: phase.name, load: .virtualUsers(load))
        }
    }
}
