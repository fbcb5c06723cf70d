import LoadGenerator
import Scenarios
import Testing

@Suite struct ArrivalScheduleTests {
    static func rate(_ perSecond: Double) -> Rate { Rate(count: perSecond) }

    /// A one-stage ramp from `from` to `to` over `length` (k6 `ramping-arrival-rate` with one stage).
    static func ramp(from: Double, to: Double, over length: Duration) -> StagedArrivalSchedule {
        StagedArrivalSchedule(startRate: rate(from), stages: [.init(length: length, target: rate(to))])
    }

    /// Every schedule must agree with itself: iteration n starts after exactly n earlier ones, and starts never go back.
    static func expectConsistent(_ schedule: some ArrivalSchedule, iterations: Int) {
        var previous = Duration.zero
        for n in 0..<iterations {
            let start = schedule.intendedStart(ofIteration: n)
            #expect(start >= previous, "iteration \(n) starts before iteration \(n - 1)")
            #expect(schedule.iterations(in: start) == n, "iterations before the start of \(n)")
            #expect(schedule.iterations(in: start + .nanoseconds(2)) == n + 1, "iteration \(n) is due at its start")
            previous = start
        }
    }

    @Test func linearRampFollowsTheIntegralOfTheRate() {
        let schedule = Self.ramp(from: 0, to: 100, over: .seconds(10))
        // N(t) = 5·t², so iteration n starts at √(n / 5) seconds, and 500 iterations are due in the ramp.
        #expect(schedule.iterations(in: .seconds(10)) == 500)
        for n in [1, 5, 20, 125, 499] {
            let expected = Duration.nanoseconds(Int64(((Double(n) / 5).squareRoot() * 1e9).rounded()))
            let start = schedule.intendedStart(ofIteration: n)
            #expect(start - expected < .nanoseconds(2) && expected - start < .nanoseconds(2))
        }
        Self.expectConsistent(schedule, iterations: 700)
    }

    @Test func rampDownMirrorsRampUp() {
        let schedule = Self.ramp(from: 100, to: 0, over: .seconds(10))
        #expect(schedule.iterations(in: .seconds(10)) == 500)
        #expect(schedule.iterations(in: .seconds(5)) == 375)  // 100·5 − 5·25
        #expect(schedule.intendedStart(ofIteration: 499) < .seconds(10))
        #expect(schedule.intendedStart(ofIteration: 500) == StagedArrivalSchedule.never)
        Self.expectConsistent(schedule, iterations: 500)
    }

    @Test func flatRampEqualsTheConstantSchedule() {
        let ramp = Self.ramp(from: 250, to: 250, over: .seconds(4))
        let constant = ConstantArrivalSchedule(rate: Self.rate(250))
        for n in 0..<2_000 {
            #expect(ramp.intendedStart(ofIteration: n) == constant.intendedStart(ofIteration: n))
        }
        #expect(ramp.iterations(in: .seconds(4)) == constant.iterations(in: .seconds(4)))
    }

    @Test func stagesChainAndHoldTheLastRate() {
        let schedule = StagedArrivalSchedule(
            startRate: Self.rate(0),
            stages: [
                .init(length: .seconds(2), target: Self.rate(50)),  // 50 iterations
                .init(length: .seconds(3), target: Self.rate(50)),  // 150
                .init(length: .seconds(1), target: Self.rate(0)),  // 25
                .init(length: .seconds(2), target: Self.rate(0)),  // none
                .init(length: .seconds(1), target: Self.rate(20)),  // 10, then 20/s for ever
            ]
        )
        #expect(schedule.iterations(in: .seconds(2)) == 50)
        #expect(schedule.iterations(in: .seconds(5)) == 200)
        #expect(schedule.iterations(in: .seconds(8)) == 225)
        #expect(schedule.iterations(in: .seconds(9)) == 235)
        #expect(schedule.iterations(in: .seconds(10)) == 255)
        // Nothing starts during the silent stage.
        #expect(schedule.intendedStart(ofIteration: 224) < .seconds(6))
        #expect(schedule.intendedStart(ofIteration: 225) == .seconds(8))
        #expect(schedule.intendedStart(ofIteration: 50) == .seconds(2))
        Self.expectConsistent(schedule, iterations: 300)
    }

    @Test(arguments: [1.0, 7.0, 333.0, 5_000.0])
    func constantScheduleIsConsistent(perSecond: Double) {
        Self.expectConsistent(ConstantArrivalSchedule(rate: Self.rate(perSecond)), iterations: 3_000)
    }

    @Test func usersFollowRampingStages() {
        let load = VirtualUserLoad.ramping(
            startUsers: 0,
            stages: [.init(length: .seconds(10), target: 10), .init(length: .seconds(10), target: 2)]
        )
        #expect(load.users(at: .zero) == 0)
        #expect(load.users(at: .seconds(5)) == 5)
        #expect(load.users(at: .seconds(10)) == 10)
        #expect(load.users(at: .seconds(15)) == 6)
        #expect(load.users(at: .seconds(30)) == 2)
        #expect(load.peakUsers == 10 && load.duration == .seconds(20))
    }
}
