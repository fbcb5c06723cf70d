import LoadGenerator
import Scenarios
import Testing

@Suite struct ConstantArrivalScheduleTests {
    @Test func startsAreEvenlySpaced() throws {
        let schedule = ConstantArrivalSchedule(rate: try Rate.parse("10/s"))
        #expect(schedule.intendedStart(ofIteration: 0) == .zero)
        #expect(schedule.intendedStart(ofIteration: 1) == .milliseconds(100))
        #expect(schedule.intendedStart(ofIteration: 25) == .milliseconds(2500))
    }

    @Test func countsIterationsDueInAPhase() throws {
        let schedule = ConstantArrivalSchedule(rate: try Rate.parse("5000/s"))
        #expect(schedule.iterations(in: .seconds(10)) == 50_000)
        #expect(schedule.iterations(in: .milliseconds(1)) == 5)
    }

    @Test func everyStartIsExactForSlowRates() throws {
        let schedule = ConstantArrivalSchedule(rate: try Rate.parse("3/m"))
        for n in 0..<100 { #expect(schedule.intendedStart(ofIteration: n) == .seconds(20 * n)) }
    }
}
