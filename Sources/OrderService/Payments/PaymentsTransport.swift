import AsyncHTTPClient
import Basics
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A gateway response read in full.
struct PaymentsResponse: Sendable {
    let status: Int
    let body: ByteBuffer
}

/// Why a call to the gateway got no response, and whether any of its request was written: only then may the
/// gateway have acted on it (a charge that may have happened must be refunded, never forgotten).
struct PaymentsTransportFailure: Error, CustomStringConvertible {
    let description: String
    let sent: Bool
}

/// The payments calls' HTTP client: one AsyncHTTPClient per process, pooling keep-alive connections (HTTP/1.1, or
/// HTTP/2 when an https gateway offers it) and presenting the client certificate of mutual TLS.
///
/// Connection attempts are not retried inside the client (`retryConnectionEstablishment` off): `PaymentsClient`'s
/// own policy and breaker decide on every retry, and a refused gateway fails the attempt at once.
final class PaymentsTransport: Sendable {
    /// `http(s)://host:port`, without a trailing slash.
    let baseURL: String
    private let client: HTTPClient

    /// Enough connections that a slow gateway under load queues in the gateway, not in this pool.
    private static let connectionsPerHost = 256

    /// The transport for `settings.url`, nil when payments are off; the TLS files are read (and refused) here.
    init?(_ settings: PaymentsSettings) throws(ConfigurationError) {
        guard let endpoint = settings.endpoint else { return nil }
        var configuration = HTTPClient.Configuration()
        if endpoint.isSecure { configuration.tlsConfiguration = try settings.tls.clientConfiguration() }
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.connectionsPerHost
        configuration.timeout = .init(
            connect: .nanoseconds(settings.retry.attemptTimeout.nanosecondsClamped),
            read: .nanoseconds(settings.retry.attemptTimeout.nanosecondsClamped)
        )
        let host = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
        baseURL = "\(endpoint.isSecure ? "https" : "http")://\(host):\(endpoint.port)"
        client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    deinit {
        // A transport dropped without `shutdown()` (a test's throwaway services) still closes its pool; after a
        // shutdown this answers "already shut down", which is ignored.
        client.shutdown { _ in }
    }

    /// Closes the pooled connections; calls after this fail as not sent.
    func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends `body` (JSON) to `path` and reads the whole response within `timeout`, connecting included.
    func send(_ method: HTTPMethod, _ path: String, json body: ByteBuffer?, timeout: Duration)
        async throws(PaymentsTransportFailure) -> PaymentsResponse
    {
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(
                url: baseURL + path,
                method: method,
                headers: ["Content-Type": "application/json"],
                body: body.map { .byteBuffer($0) } ?? .byteBuffer(ByteBuffer())
            )
        } catch {
            throw PaymentsTransportFailure(description: "bad request \(baseURL + path): \(error)", sent: false)
        }
        let collector = PaymentsResponseCollector()
        let deadline = NIODeadline.now() + TimeAmount.nanoseconds(timeout.nanosecondsClamped)
        do {
            return try await client.execute(request: request, delegate: collector, deadline: deadline).get()
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw PaymentsTransportFailure(description: "no response within \(timeout)", sent: collector.wasSent)
        } catch {
            throw PaymentsTransportFailure(description: "\(error)", sent: collector.wasSent)
        }
    }
}
