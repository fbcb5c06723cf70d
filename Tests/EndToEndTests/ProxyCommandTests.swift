import Foundation
import TestSupport
import Testing

/// `ordeal proxy`, the standalone fault proxy, as a Toxiproxy user starts it.
@Suite(.timeLimit(.minutes(2))) struct ProxyCommandTests {
    @Test func aProxyMadeThroughTheAPIOfAOneLoopProxyCarriesBytes() async throws {
        let echo = try await EchoServer.start()
        defer { Task { await echo.stop() } }
        let api = try RefusingPort.free()
        let proxy = try ChildProcess("ordeal", ["proxy", "--api", "127.0.0.1:\(api)", "--loops", "1"])
        defer { proxy.terminate() }
        _ = try await proxy.waitForLine(containing: "control API on")
        let body = #"{"name":"echo","listen":"127.0.0.1:0","upstream":"127.0.0.1:\#(echo.port)"}"#
        let request =
            "POST /proxies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + "\(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let created = try await LoopbackClient.exchange(port: api, send: Array(request.utf8), timeout: .seconds(30))
        let answer = String(decoding: created.received, as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 201"), "\(answer)")
        let listen = try #require(answer.range(of: #""listen":"127\.0\.0\.1:[0-9]+""#, options: .regularExpression))
        let port = try #require(Int(answer[listen].split(separator: ":").last!.filter(\.isNumber)))
        let through = try await LoopbackClient.exchange(port: port, send: [1, 2, 3], expect: 3, timeout: .seconds(30))
        #expect(through.received == [1, 2, 3])
    }

    @Test func zeroLoopsIsAUsageError() async throws {
        let result = try await ChildProcess.run("ordeal", ["proxy", "--loops", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--loops 0: expected 1 to 1024"), "\(result.stderr)")
    }
}
