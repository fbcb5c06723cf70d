import Histogram
import LoadGenerator
import Profiler
import TestSupport
import Testing

/// Each way a target fails is counted as its own error kind, and the run still ends on time.
@Suite(.timeLimit(.minutes(1))) struct ErrorKindTests {
    static func run(_ behavior: TestServerBehavior, timeout: Duration = .seconds(2), expected: [ClosedRange<Int>] = [])
        async throws -> RequestStatistics
    {
        let server = try await TestServer.start(behavior)
        let plan = try Plans.single(
            server,
            phases: [Plans.constantRate(20, for: .milliseconds(500))],
            timeout: timeout,
            expectedStatuses: expected
        )
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        await server.stop()
        return result.totals.requests[0]
    }

    @Test func refusedConnectionsAreCounted() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let plan = LoadPlan(
            target: HTTPTarget(host: "127.0.0.1", port: port),
            flow: [PlannedRequest(name: "get")],
            phases: [Plans.users(.constant(users: 2, duration: .milliseconds(300)))]
        )
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 2).collect() }
        let statistics = result.totals.requests[0]
        #expect(statistics.count(of: .connectRefused) > 0)
        #expect(statistics.responses == 0)
        // Refused users back off for 10 ms rather than spinning: two users over 300 ms make at most ~60 attempts.
        #expect(statistics.count(of: .connectRefused) <= 80)
        withExtendedLifetime(refusing) {}
    }

    @Test func unansweredRequestsTimeOutWithTheirLatency() async throws {
        var silent = TestServerBehavior()
        silent.neverAnswer = true
        let statistics = try await Self.run(silent, timeout: .milliseconds(200))
        #expect(statistics.count(of: .timeout) == 10)
        #expect(statistics.responseTime.totalCount == 10)
        #expect(statistics.responseTime.min >= 190_000)
    }

    @Test func garbageIsAMalformedResponse() async throws {
        var garbage = TestServerBehavior()
        garbage.malformed = true
        let statistics = try await Self.run(garbage)
        #expect(statistics.count(of: .malformedResponse) == 10)
        #expect(statistics.responses == 0)
    }

    @Test func aClosedConnectionMidRequestIsAReset() async throws {
        var closing = TestServerBehavior()
        closing.closeInsteadOfAnswering = true
        let statistics = try await Self.run(closing)
        #expect(statistics.count(of: .reset) == 10)
    }

    @Test func anUnexpectedStatusFailsTheCheckButIsStillCounted() async throws {
        var notFound = TestServerBehavior()
        notFound.status = 404
        let statistics = try await Self.run(notFound, expected: [200...299])
        #expect(statistics.count(ofStatus: 404) == 10)
        #expect(statistics.count(of: .checkFailed) == 10)
    }
}
