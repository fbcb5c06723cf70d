import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

/// Responses written before the request body is read (413 at the body limit, 401 before the handler) must not
/// leave a client that sends its whole body first blocked in its send: the service closes after a lingering read.
@Suite struct EarlyResponseTests {
    static let bodyBytes = 8 * 1024 * 1024  // 128 times the 64 KiB limit, more than loopback's buffers absorb

    @Test(arguments: [("/api/v1/auth/register", 413), ("/api/v1/orders", 401)])
    func anEarlyErrorWithConnectionCloseClosesSoon(path: String, status: Int) async throws {
        try await TestService.application().test(.live) { client in
            let head = """
                POST \(path) HTTP/1.1\r
                Host: 127.0.0.1\r
                Content-Type: application/json\r
                Content-Length: \(Self.bodyBytes)\r
                Connection: close\r
                \r

                """
            let outcome = try await RawUpload.run(
                port: client.port!,
                head: head,
                bodyBytes: Self.bodyBytes,
                timeout: .seconds(20)
            )
            print("early \(status) with Connection: close: the client waited \(outcome.elapsed), sent \(outcome.sent)")
            #expect(outcome.status == status)
            #expect(outcome.closedByServer)
            // A server that kept reading would hold the client to its 20 s timeout; the machine is shared, so the
            // bound is loose.
            #expect(outcome.elapsed < .seconds(10))
        }
    }

    @Test func anEarlyErrorOnAKeptAliveConnectionClosesItToo() async throws {
        try await TestService.application().test(.live) { client in
            let head = """
                POST /api/v1/auth/register HTTP/1.1\r
                Host: 127.0.0.1\r
                Content-Type: application/json\r
                Content-Length: \(Self.bodyBytes)\r
                \r

                """
            let outcome = try await RawUpload.run(
                port: client.port!,
                head: head,
                bodyBytes: Self.bodyBytes,
                timeout: .seconds(20)
            )
            #expect(outcome.status == 413)
            #expect(outcome.closedByServer)
            // A server that kept reading would hold the client to its 20 s timeout; the machine is shared, so the
            // bound is loose.
            #expect(outcome.elapsed < .seconds(10))
        }
    }
}
