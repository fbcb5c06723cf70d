import Foundation
import Harness
import NIOCore
import Scenarios
import TestSupport
import Testing

@Suite struct ReadinessTests {
    @Test func httpCheckPassesOnA2xxAnswer() async throws {
        let (server, task) = try await FixedResponseServer.start(
            answering: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        )
        defer { task.cancel() }
        try await ReadinessCheck.http(host: "127.0.0.1", port: server.port, path: "/health").wait(
            deadline: .seconds(120)
        )
    }

    @Test func httpCheckKeepsWaitingOnA503AndSaysSo() async throws {
        let (server, task) = try await FixedResponseServer.start(
            answering: "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
        )
        defer { task.cancel() }
        let check = ReadinessCheck.http(host: "127.0.0.1", port: server.port, path: "/ready")
        let error = await #expect(throws: ReadinessCheck.Failure.self) {
            try await check.wait(deadline: .milliseconds(500))
        }
        #expect(error?.description.contains("answered HTTP 503") == true)
    }

    @Test func tcpCheckOnAClosedPortFailsAtTheDeadline() async throws {
        // A socket bound but not listening: connects to it are refused, and no other test can take the port meanwhile.
        let refusing = try RefusingPort()
        let port = refusing.port
        let check = ReadinessCheck.tcp(host: "127.0.0.1", port: port)
        let start = ContinuousClock.now
        let error = await #expect(throws: ReadinessCheck.Failure.self) {
            try await check.wait(deadline: .milliseconds(400))
        }
        // It ends rather than hangs. The bound is loose: CPU-heavy tests running alongside (the Profiler's fixture
        // reports) can hold both threads of the concurrency pool for tens of seconds.
        #expect(ContinuousClock.now - start < .seconds(120))
        #expect(error?.description.contains("tcp://127.0.0.1:\(port)") == true)
        withExtendedLifetime(refusing) {}
    }

    @Test func aDeadProcessEndsTheWaitAtOnce() async throws {
        let check = ReadinessCheck.tcp(host: "127.0.0.1", port: 1)
        let start = ContinuousClock.now
        let error = await #expect(throws: ReadinessCheck.Failure.self) {
            try await check.wait(deadline: .seconds(600)) { "process exited with status 3" }
        }
        #expect(ContinuousClock.now - start < .seconds(120))
        #expect(error?.description.contains("exited with status 3") == true)
    }
}

/// Readiness over HTTPS: the target file's `tls:` block decides what is trusted.
@Suite struct HTTPSReadinessTests {
    static func server() async throws -> (TestHTTPServer, TestCertificates) {
        let certificates = try TestCertificates()
        var options = TestHTTPServer.Options(tls: try certificates.serverConfiguration())
        options.alpn = ["http/1.1"]
        return (try await TestHTTPServer.start(options), certificates)
    }

    @Test func anHTTPSCheckPassesWhenTheTargetsCAIsTrusted() async throws {
        let (server, certificates) = try await Self.server()
        defer { certificates.remove() }
        let check = try ReadinessCheck(
            .http("https://127.0.0.1:\(server.port)/ready"),
            process: "service",
            tls: TLSSettings(ca: FileReference(path: certificates.caFile))
        )
        try await check.wait(deadline: .seconds(60))
        await server.stop()
        #expect(server.counts.requests >= 1)
    }

    @Test func anHTTPSCheckOfAnUntrustedServerSaysWhy() async throws {
        let (server, certificates) = try await Self.server()
        defer { certificates.remove() }
        let check = try ReadinessCheck(.http("https://127.0.0.1:\(server.port)/ready"), process: "service")
        // Long enough for one attempt to end even on a starved machine; every attempt fails the same way.
        let error = await #expect(throws: ReadinessCheck.Failure.self) {
            try await check.wait(deadline: .seconds(10))
        }
        await server.stop()
        #expect(error?.description.contains("TLS handshake failed: unknown CA") == true, "\(String(describing: error))")
        #expect(server.counts.requests == 0)
    }
}
