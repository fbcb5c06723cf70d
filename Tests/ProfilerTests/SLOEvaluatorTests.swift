import Profiler
import Testing

@Suite struct SLOEvaluatorTests {
    static let report = Fixtures.report(seconds: 30, errorEvery: 10)

    func verdict(_ text: String, in report: Report = Self.report) throws -> SLOVerdict {
        SLOEvaluator.evaluate(try SLOParser.parse(text), in: report)
    }

    @Test func wholeRunPercentilesUseTheFullHistogram() throws {
        let verdict = try verdict("login p50 < 100ms")
        let expected = Double(Self.report.requests[0].responseTime.p50)
        #expect(verdict.observed == expected)
        #expect(verdict.margin == 100_000 - expected)
        #expect(verdict.status == .passed)
        #expect(verdict.unit == .microseconds)
    }

    @Test func faultWindowsSeeTheSlowdownAndTheRecovery() throws {
        // login takes 10.0-11.9 ms normally and ten times that during the fault (seconds 10-19).
        let before = try verdict("before faults: login p99 < 15ms")
        let during = try verdict("during faults: login p99 < 15ms")
        let after = try verdict("after faults: login max < 15ms")
        #expect(before.status == .passed)
        #expect(during.status == .failed)
        #expect((during.observed ?? 0) > 100_000)
        #expect((during.margin ?? 0) < 0)
        #expect(after.status == .passed)
    }

    @Test func errorRateAndThroughput() throws {
        // Every 10th create-order times out: 2 of 20 per second.
        let errors = try verdict("create-order error-rate < 5%")
        #expect(abs((errors.observed ?? 0) - 0.1) < 1e-12)
        #expect(errors.status == .failed)
        let overall = try verdict("error-rate <= 5%")
        #expect(abs((overall.observed ?? 0) - 0.05) < 1e-12)
        #expect(overall.status == .passed)
        let rps = try verdict("rps >= 40")
        #expect(rps.observed == 40)
        #expect(rps.status == .passed)
        let phase = try verdict("phase steady: login count == 300")
        #expect(phase.observed == 300)
        #expect(phase.status == .passed)
    }

    @Test func missingScopeOrRequestIsNoDataWithAReason() throws {
        let unknown = try verdict("checkout p99 < 1s")
        #expect(unknown.status == .noData)
        #expect(unknown.note?.contains("no request named 'checkout'") == true)
        let phase = try verdict("phase cool-down: p99 < 1s")
        #expect(phase.note?.contains("no phase named 'cool-down'") == true)
        var noFaults = Self.report
        noFaults.faults = []
        let window = try verdict("during faults: p99 < 1s", in: noFaults)
        #expect(window.status == .noData)
        #expect(window.note?.contains("no fault windows") == true)
        #expect(!window.passed)
    }

    @Test func evaluatingStoresVerdictsAndTheOverallOutcome() throws {
        let report = Self.report.evaluating([try SLOParser.parse("p99 < 10s"), try SLOParser.parse("p50 < 1us")])
        #expect(report.slos.count == 2)
        #expect(report.slos[0].passed)
        #expect(!report.slos[1].passed)
        #expect(!report.slosPassed)
    }
}
