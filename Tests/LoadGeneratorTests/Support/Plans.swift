import LoadGenerator
import Scenarios
import TestSupport

/// Plans for the engine tests: one GET step against the test server, with the phases given.
enum Plans {
    static func single(
        _ server: TestServer,
        phases: [PlannedPhase],
        timeout: Duration = .seconds(5),
        expectedStatuses: [ClosedRange<Int>] = [],
        steps: Int = 1
    ) throws -> LoadPlan {
        LoadPlan(
            target: try HTTPTarget(url: server.url),
            flow: (0..<steps).map { PlannedRequest(name: "step\($0)", path: "/", expectedStatuses: expectedStatuses) },
            phases: phases,
            timeout: timeout,
            connectTimeout: .seconds(2),
            gracefulStop: timeout
        )
    }

    static func constantRate(_ perSecond: Double, for duration: Duration, maxInFlight: Int = 100) -> PlannedPhase {
        PlannedPhase(
            name: "rate",
            load: .arrivalRate(
                schedule: ConstantArrivalSchedule(rate: Rate(count: perSecond)),
                duration: duration,
                maxInFlight: maxInFlight
            )
        )
    }

    static func users(_ load: VirtualUserLoad) -> PlannedPhase {
        PlannedPhase(name: "users", load: .virtualUsers(load))
    }
}
