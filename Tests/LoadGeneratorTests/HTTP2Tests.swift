import Histogram
import LoadGenerator
import NIOCore
import Profiler
import Scenarios
import TestSupport
import Testing

/// HTTP/2 on real servers: h2c with prior knowledge, many users' streams multiplexed on few connections, and a
/// server that sends GOAWAY in the middle of a run.
@Suite(.serialized, .timeLimit(.minutes(2))) struct HTTP2Tests {
    static func plan(
        _ url: String,
        phase: PlannedPhase,
        tls: TLSSettings? = nil
    ) throws -> LoadPlan {
        var plan = LoadPlan(
            target: try HTTPTarget(url: url),
            flow: [PlannedRequest(name: "get", path: "/", expectedStatuses: [200...200])],
            phases: [phase],
            timeout: .seconds(3),
            connectTimeout: .seconds(2)
        )
        plan.httpVersion = .http2
        if let tls { plan.tls = try TLSClient(settings: tls, host: "127.0.0.1", httpVersion: .http2) }
        return plan
    }

    /// Runs `users` users for `duration` over h2c on one connection against a server set up by `configure`.
    static func h2cRun(
        users: Int,
        duration: Duration,
        configure: (inout TestHTTPServer.Options) -> Void
    ) async throws -> (RequestStatistics, TestHTTPServer.Counts) {
        var options = TestHTTPServer.Options()
        options.plaintextHTTP2 = true
        configure(&options)
        let server = try await TestHTTPServer.start(options)
        let phase = PlannedPhase(
            name: "users",
            load: .virtualUsers(.constant(users: users, duration: duration)),
            connections: 1
        )
        let plan = try Self.plan(server.url(secure: false), phase: phase)
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 1).collect() }
        await server.stop()
        return (result.totals.requests[0], server.counts)
    }

    @Test func h2cWithPriorKnowledge() async throws {
        var options = TestHTTPServer.Options()
        options.plaintextHTTP2 = true
        let server = try await TestHTTPServer.start(options)
        let phase = PlannedPhase(name: "users", load: .virtualUsers(.constant(users: 4, duration: .milliseconds(300))))
        let plan = try Self.plan(server.url(secure: false), phase: phase)
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 1).collect() }
        await server.stop()
        let statistics = result.totals.requests[0]
        #expect(statistics.errors == 0)
        // Every user was answered (how many times depends on a machine shared with other suites).
        #expect(statistics.count(ofStatus: 200) >= 4)
        #expect(statistics.connections(using: .h2c) == 1)
        #expect(server.counts.connections == 1)
        #expect(server.counts.protocols == ["h2c"])
    }

    @Test func aHundredStreamsShareOneConnection() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        var options = TestHTTPServer.Options(tls: try certificates.serverConfiguration())
        options.responseDelay = .milliseconds(200)
        options.maxConcurrentStreams = 200
        let server = try await TestHTTPServer.start(options)
        let phase = PlannedPhase(
            name: "users",
            load: .virtualUsers(.constant(users: 100, duration: .milliseconds(700))),
            connections: 1
        )
        let plan = try Self.plan(
            server.url(secure: true),
            phase: phase,
            tls: TLSSettings(ca: FileReference(path: certificates.caFile))
        )
        let result = try await EngineGate.exclusive { try await LoadGenerator(plan: plan, loopCount: 1).collect() }
        await server.stop()
        let statistics = result.totals.requests[0]
        #expect(statistics.errors == 0)
        #expect(server.counts.connections == 1)
        #expect(server.counts.mostConcurrentStreams == 100)
        // Every user got answers, and none waited behind another (the server saw all 100 streams open at once); the
        // latency's lower bound is exact, its upper bound depends on a machine shared with other suites.
        #expect(statistics.count(ofStatus: 200) >= 100)
        #expect(statistics.serviceTime.valueAtPercentile(50) >= 200_000)
    }

    @Test func streamsBeyondTheServersLimitWaitTheirTurn() async throws {
        let (statistics, counts) = try await Self.h2cRun(users: 20, duration: .milliseconds(400)) { options in
            options.maxConcurrentStreams = 5
            options.responseDelay = .milliseconds(50)
        }
        #expect(statistics.errors == 0)
        #expect(counts.mostConcurrentStreams <= 5)
        #expect(statistics.count(ofStatus: 200) > 0)
    }

    @Test func aGoAwayMidRunIsCountedAndTheRunGoesOnOnANewConnection() async throws {
        let (statistics, counts) = try await Self.h2cRun(users: 10, duration: .milliseconds(600)) { options in
            options.goAwayAfterRequests = 50
            options.responseDelay = .milliseconds(5)
        }
        #expect(counts.goAwaysSent >= 1)
        #expect(counts.connections >= 2)
        #expect(statistics.connections(using: .h2c) >= 2)
        // More than the first connection's 50: the run went on after the GOAWAY.
        #expect(statistics.count(ofStatus: 200) > 50)
        // Only streams above GOAWAY's last id may fail, and they fail as goaway, never as something unexplained.
        #expect(statistics.errors == statistics.count(of: .goAway))
        #expect(statistics.count(of: .goAway) <= 10)
    }

    @Test func aResetStreamFailsOnlyItsRequest() async throws {
        // Few enough resets that the server's own guard against rapid resets (200 in 30 s) stays quiet.
        let (statistics, counts) = try await Self.h2cRun(users: 2, duration: .milliseconds(400)) { options in
            options.resetEveryNthRequest = 3
            options.responseDelay = .milliseconds(3)
        }
        #expect(counts.streamsReset >= 1)
        // Streams reset as the phase ended may not be counted; every other reset is.
        #expect(statistics.count(of: .streamReset) + 4 >= UInt64(counts.streamsReset))
        #expect(statistics.errors == statistics.count(of: .streamReset))
        // The connection outlives its reset streams.
        #expect(counts.connections == 1)
        #expect(statistics.count(ofStatus: 200) >= 2 * UInt64(counts.streamsReset) - 8)
    }
}
