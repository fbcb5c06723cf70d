import Foundation
import LoadGenerator
import Profiler
import Synchronization
import TestSupport
import Testing

/// `ordeal run --url` without a scenario: the plan from flags, and the progress it reports.
@Suite(.timeLimit(.minutes(1))) struct StandaloneRunTests {
    @Test func aQuickPlanCountsWhatWasSent() async throws {
        let server = try await TestServer.start()
        let plan = try LoadPlan.quick(
            url: server.url + "/index.html",
            users: 2,
            rate: nil,
            duration: "1200ms",
            maxInFlight: nil
        )
        let lines = LineCollector()
        let result = try await EngineGate.exclusive {
            try await LoadGenerator(plan: plan).collect { second in
                lines.add(IntervalSummary(phase: second.phase, recording: second.recording))
            }
        }
        await server.stop()
        #expect(result.totals.overall.responses == UInt64(server.requestCount))
        #expect(result.totals.requests[0].count(ofStatus: 200) == result.totals.overall.responses)
        #expect(result.phases.map(\.name) == ["users"])
        #expect(!result.wasInterrupted)
        // Progress covers the run without gaps or double counting, however a busy machine cut its seconds.
        let spans = lines.all
        #expect(!spans.isEmpty)
        #expect(spans.reduce(0) { $0 + $1.requests } == result.totals.overall.requests)
        #expect(zip(spans, spans.dropFirst()).allSatisfy { abs($0.end - $1.start) < 1e-9 }, "\(spans)")
    }

    @Test(
        arguments: [
            (nil, nil, "1s"), (2, "10/s", "1s"), (0, nil, "1s"), (nil, "fast", "1s"), (1, nil, "0"), (1, nil, "soon"),
        ] as [(Int?, String?, String)]
    )
    func refusesContradictoryOrInvalidFlags(users: Int?, rate: String?, duration: String) {
        #expect(throws: (any Error).self) {
            try LoadPlan.quick(
                url: "http://127.0.0.1:1",
                users: users,
                rate: rate,
                duration: duration,
                maxInFlight: nil
            )
        }
    }
}

/// Collects progress summaries from the engine's callback (called from the coordinator's task).
final class LineCollector: Sendable {
    private let lines = Mutex<[IntervalSummary]>([])
    func add(_ summary: IntervalSummary) { lines.withLock { $0.append(summary) } }
    var count: Int { lines.withLock { $0.count } }
    var all: [IntervalSummary] { lines.withLock { $0 } }
}
