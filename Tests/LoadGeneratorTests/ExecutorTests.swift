import Histogram
import LoadGenerator
import Profiler
import Scenarios
import TestSupport
import Testing

/// The executors against a real server on loopback: every schedule is counted on both sides of the socket.
@Suite(.timeLimit(.minutes(1))) struct ExecutorTests {
    @Test func constantArrivalRateStartsEveryScheduledIteration() async throws {
        let server = try await TestServer.start()
        let plan = try Plans.single(server, phases: [Plans.constantRate(200, for: .seconds(2), maxInFlight: 400)])
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        await server.stop()
        #expect(result.totals.iterationsStarted == 400)
        #expect(result.totals.iterationsDropped == 0)
        #expect(result.totals.iterationsCompleted == 400)
        #expect(result.totals.requests[0].count(ofStatus: 200) == 400)
        #expect(server.requestCount == 400)
        #expect(result.totals.requests[0].bytesReceived == 400 * 43)
        #expect(result.series.count >= 2 && result.series.allSatisfy { $0.phase == "rate" })
    }

    @Test func iterationsBeyondTheInFlightCapAreDroppedNotDelayed() async throws {
        var slow = TestServerBehavior()
        slow.delay = .milliseconds(100)
        let server = try await TestServer.start(slow)
        let plan = try Plans.single(server, phases: [Plans.constantRate(100, for: .seconds(1), maxInFlight: 2)])
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        await server.stop()
        let totals = result.totals
        // Two slots of 100 ms serve about 20 of the 100 due iterations; the rest are counted as dropped.
        #expect(totals.iterationsStarted + totals.iterationsDropped == 100)
        #expect(totals.iterationsDropped >= 60)
        #expect(totals.iterationsStarted >= 5)
        #expect(server.requestCount == Int(totals.iterationsStarted))
    }

    @Test func perUserIterationsRunExactlyTheirCount() async throws {
        let server = try await TestServer.start()
        let phase = Plans.users(.perUserIterations(users: 3, iterations: 5, maxDuration: .seconds(10)))
        let result = try await EngineGate.exclusive {
            try await LoadGenerator(plan: try Plans.single(server, phases: [phase], steps: 2), loopCount: 2)
                .collect()
        }
        await server.stop()
        #expect(result.totals.iterationsCompleted == 15)
        #expect(result.totals.requests.map(\.responses) == [15, 15])
        #expect(server.requestCount == 30)
    }

    @Test func sharedIterationsAreSplitAcrossLoopsExactly() async throws {
        let server = try await TestServer.start()
        let phase = Plans.users(.sharedIterations(users: 4, iterations: 37, maxDuration: .seconds(10)))
        let result = try await EngineGate.exclusive {
            try await LoadGenerator(plan: try Plans.single(server, phases: [phase]), loopCount: 2).collect()
        }
        await server.stop()
        #expect(result.totals.iterationsCompleted == 37)
        #expect(server.requestCount == 37)
    }

    @Test func constantUsersKeepTheirConnectionsBusyForTheDuration() async throws {
        var paced = TestServerBehavior()
        paced.delay = .milliseconds(20)
        let server = try await TestServer.start(paced)
        let phases = [Plans.users(.constant(users: 4, duration: .seconds(1)))]
        let result = try await EngineGate.exclusive {
            try await LoadGenerator(plan: try Plans.single(server, phases: phases), loopCount: 2).collect()
        }
        await server.stop()
        // Four users, 20 ms per request, one second: about 200 requests on a quiet machine, each user at most 50 (the
        // exact bound); every user completes at least once however busy the machine is.
        let completed = result.totals.iterationsCompleted
        #expect(completed >= 4 && completed <= 204, "completed \(completed)")
        #expect(result.totals.requests[0].serviceTime.valueAtPercentile(50) >= 20_000)
    }

    @Test func phasesRunInSequenceAndAreReportedByName() async throws {
        let server = try await TestServer.start()
        var ramp = Plans.users(.ramping(startUsers: 0, stages: [.init(length: .milliseconds(600), target: 4)]))
        ramp.name = "ramp"
        var rate = Plans.constantRate(50, for: .milliseconds(600))
        rate.name = "steady"
        let result = try await EngineGate.exclusive {
            try await LoadGenerator(plan: try Plans.single(server, phases: [ramp, rate]), loopCount: 2).collect()
        }
        await server.stop()
        try #require(result.phases.map(\.name) == ["ramp", "steady"])
        #expect(result.phases[0].totals.iterationsCompleted > 0)
        #expect(result.phases[1].totals.iterationsStarted == 30)
        #expect(result.phases[0].totals.end <= result.phases[1].totals.start)
    }
}
