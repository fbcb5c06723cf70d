import LoadGenerator

extension LoadPlan {
    /// This machine's part of the plan: every n-th arrival of each open-model phase (so the parts of all machines
    /// interleave into exactly the whole schedule), and its share of users and iterations in closed-model phases.
    func segment(_ segment: Segment) -> LoadPlan {
        guard segment != .whole else { return self }
        var plan = self
        plan.phases = phases.map { phase in
            var phase = phase
            switch phase.load {
            case .arrivalRate(let schedule, let duration, let maxInFlight):
                phase.load = .arrivalRate(
                    schedule: SegmentedSchedule(whole: schedule, segment: segment),
                    duration: duration,
                    maxInFlight: max(1, segment.share(of: maxInFlight))
                )
            case .virtualUsers(let users):
                phase.load = .virtualUsers(users.segment(segment))
            }
            return phase
        }
        return plan
    }
}

extension VirtualUserLoad {
    func segment(_ segment: Segment) -> VirtualUserLoad {
        switch self {
        case .constant(let users, let duration):
            .constant(users: segment.share(of: users), duration: duration)
        case .ramping(let start, let stages):
            .ramping(
                startUsers: segment.share(of: start),
                stages: stages.map { UserStage(length: $0.length, target: segment.share(of: $0.target)) }
            )
        case .sharedIterations(let users, let iterations, let limit):
            .sharedIterations(
                users: max(1, segment.share(of: users)),
                iterations: segment.share(of: iterations),
                maxDuration: limit
            )
        case .perUserIterations(let users, let iterations, let limit):
            .perUserIterations(users: segment.share(of: users), iterations: iterations, maxDuration: limit)
        }
    }
}

/// Segment i of n of a schedule: arrivals i-1, i-1+n, i-1+2n… of the whole, at the times the whole gives them.
struct SegmentedSchedule: ArrivalSchedule {
    let whole: any ArrivalSchedule
    let segment: Segment

    func intendedStart(ofIteration n: Int) -> Duration {
        whole.intendedStart(ofIteration: n * segment.count + segment.index - 1)
    }

    func iterations(in duration: Duration) -> Int {
        let total = whole.iterations(in: duration)
        let first = segment.index - 1
        return total > first ? (total - first + segment.count - 1) / segment.count : 0
    }
}
