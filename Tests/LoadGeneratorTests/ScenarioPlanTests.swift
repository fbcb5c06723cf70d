import Foundation
import LoadGenerator
import Profiler
import Scenarios
import TestSupport
import Testing

/// A scenario file, loaded by Scenarios, run by the engine against a real server.
@Suite(.timeLimit(.minutes(1))) struct ScenarioPlanTests {
    static func load(_ yaml: String) throws -> Scenario {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ordeal-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try ScenarioLoader.load(path: file.path)
    }

    @Test func runsAConstantFlowThroughEveryPhase() async throws {
        let server = try await TestServer.start()
        let scenario = try Self.load(
            """
            name: plain
            url: http://127.0.0.1:1
            load:
              - { name: warm, arrival-rate: 40/s, duration: 500ms }
              - { name: ramp, arrival-rate: { from: 20/s, to: 60/s }, duration: 500ms }
              - { name: each, iterations: 3, vus: 2 }
            flow:
              - name: home
                get: /
                check: { status: 200 }
              - think: 10ms
              - name: missing
                get: /nope
                check: { status: 404 }
            """
        )
        let plan = try LoadPlan(scenario: scenario, url: server.url)
        #expect(plan.flow.map(\.name) == ["home", "missing"])
        #expect(plan.flow[0].thinkTime == ThinkPause(.milliseconds(10)))
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        await server.stop()
        try #require(result.phases.map(\.name) == ["warm", "ramp", "each"])
        #expect(result.phases[0].totals.iterationsStarted == 20)
        #expect(result.phases[1].totals.iterationsStarted == 20)  // (20 + 60) / 2 per second, for half a second
        #expect(result.phases[2].totals.iterationsCompleted == 3)  // iterations are shared between users by default
        // The test server answers 200 everywhere, so the second step's check fails every time.
        #expect(result.totals.requests[1].count(of: .checkFailed) == 43)
        #expect(result.totals.requests[0].count(of: .checkFailed) == 0)
    }
}
