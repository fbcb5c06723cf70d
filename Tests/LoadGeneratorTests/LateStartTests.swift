import LoadGenerator
import Profiler
import Scenarios
import TestSupport
import Testing

/// A generator that joins a shared start late (``LoadPlan/startOffset``) follows the schedule from where it stands:
/// what was due before is dropped, never sent in a burst, never shifted.
@Suite(.timeLimit(.minutes(1))) struct LateStartTests {
    @Test func arrivalsDueBeforeTheJoinAreDroppedAndTheRestSent() async throws {
        let server = try await TestServer.start()
        var plan = try Plans.single(server, phases: [Plans.constantRate(100, for: .seconds(2), maxInFlight: 200)])
        plan.startOffset = .milliseconds(1500)
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        await server.stop()
        // Iterations 0..149 were due in the first 1.5 s; 150..199 remain.
        #expect(result.totals.iterationsDropped == 150)
        #expect(result.totals.iterationsStarted == 50)
        #expect(server.requestCount == 50)
    }

    @Test func wholePhasesMissedAreDroppedAndTheNextJoinedPartWay() async throws {
        let server = try await TestServer.start()
        var plan = try Plans.single(
            server,
            phases: [
                Plans.constantRate(40, for: .seconds(1), maxInFlight: 100),
                Plans.constantRate(20, for: .seconds(2), maxInFlight: 100),
            ]
        )
        plan.startOffset = .milliseconds(2000)
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        await server.stop()
        // All 40 of the first phase and the first 20 of the second (its first second) are missed; 20 are sent.
        #expect(result.totals.iterationsDropped == 60)
        #expect(result.totals.iterationsStarted == 20)
        #expect(server.requestCount == 20)
        #expect(result.phases.count == 2)
    }

    @Test func noOffsetDropsNothing() async throws {
        let server = try await TestServer.start()
        let plan = try Plans.single(server, phases: [Plans.constantRate(50, for: .seconds(1), maxInFlight: 100)])
        #expect(plan.startOffset == .zero)
        #expect(plan.nominalLength == .seconds(1))
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        await server.stop()
        #expect(result.totals.iterationsDropped == 0)
        #expect(result.totals.iterationsStarted == 50)
    }
}
