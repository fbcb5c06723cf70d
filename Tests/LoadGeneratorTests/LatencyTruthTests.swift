import Histogram
import LoadGenerator
import Profiler
import TestSupport
import Testing

/// Coordinated omission: a server that stalls for one second must show that second in the tail (wrk2's point).
@Suite(.timeLimit(.minutes(1))) struct LatencyTruthTests {
    @Test func aOneSecondStallShowsInTheTailPercentiles() async throws {
        var stalling = TestServerBehavior()
        stalling.stall = Duration.milliseconds(1_000)..<Duration.milliseconds(2_000)
        let server = try await TestServer.start(stalling)
        // 100/s for 3 s with room for every stalled request in flight: nothing is dropped, nothing is delayed.
        let plan = try Plans.single(server, phases: [Plans.constantRate(100, for: .seconds(3), maxInFlight: 200)])
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        await server.stop()
        let statistics = result.totals.requests[0]
        #expect(result.totals.iterationsDropped == 0)
        #expect(statistics.responses == 300)
        // About a third of the requests met the stall, waiting up to a second: p90 is hundreds of ms, p99 near 1 s.
        let p50 = statistics.responseTime.valueAtPercentile(50)
        let p90 = statistics.responseTime.valueAtPercentile(90)
        let p99 = statistics.responseTime.valueAtPercentile(99)
        // Most requests missed the stall: the median is far below it (loose, for a machine shared with other suites).
        #expect(p50 < 500_000, "p50 \(p50) µs")
        #expect(p90 >= 500_000, "p90 \(p90) µs")
        // The upper bound leaves room for a machine shared with other suites (1.35 s seen under a parallel run); the
        // exact figure (within 0.1 %) is the benchmark's, on a quiet machine.
        #expect(p99 >= 900_000 && p99 <= 1_600_000, "p99 \(p99) µs")
        #expect(statistics.responseTime.count(within: 500_000...2_000_000) >= 35)
    }

    @Test func responseTimeCountsFromTheScheduledStartNotTheWrite() async throws {
        // One slot, requests every 50 ms, each taking 120 ms: most iterations are dropped, and those that run start
        // on time, so response and service time agree; the stall test above is where they must not hide anything.
        var slow = TestServerBehavior()
        slow.delay = .milliseconds(120)
        let server = try await TestServer.start(slow)
        let plan = try Plans.single(server, phases: [Plans.constantRate(20, for: .seconds(1), maxInFlight: 1)])
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 1).collect() }
        await server.stop()
        let statistics = result.totals.requests[0]
        #expect(result.totals.iterationsDropped >= 8)
        #expect(statistics.responseTime.valueAtPercentile(50) >= statistics.serviceTime.valueAtPercentile(50))
        #expect(statistics.serviceTime.valueAtPercentile(50) >= 120_000)
    }
}
