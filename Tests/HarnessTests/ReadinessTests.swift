import Harness
import NIOCore
import Testing

@Suite struct ReadinessTests {
    @Test func httpCheckPassesOnA2xxAnswer() async throws {
        let (server, task) = try await FixedResponseServer.start(
            answering: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        )
        defer { task.cancel() }
        try await ReadinessCheck.http(host: "127.0.0.1", port: server.port, path: "/health").wait(deadline: .seconds(5))
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
        // Bind and close a server to learn a port nobody listens on.
        let (server, task) = try await FixedResponseServer.start(answering: "")
        let port = server.port
        task.cancel()
        try await server.channel.channel.close()
        let check = ReadinessCheck.tcp(host: "127.0.0.1", port: port)
        let start = ContinuousClock.now
        let error = await #expect(throws: ReadinessCheck.Failure.self) {
            try await check.wait(deadline: .milliseconds(400))
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(error?.description.contains("tcp://127.0.0.1:\(port)") == true)
    }

    @Test func aDeadProcessEndsTheWaitAtOnce() async throws {
        let check = ReadinessCheck.tcp(host: "127.0.0.1", port: 1)
        let start = ContinuousClock.now
        let error = await #expect(throws: ReadinessCheck.Failure.self) {
            try await check.wait(deadline: .seconds(60)) { "process exited with status 3" }
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(error?.description.contains("exited with status 3") == true)
    }
}
