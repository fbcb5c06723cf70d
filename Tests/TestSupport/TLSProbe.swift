import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import NIOTLS

/// A one-shot HTTPS client for tests: one connection, one GET, and what came back, including the protocol the
/// server chose by ALPN. It speaks HTTP/2 when `h2` is negotiated and HTTP/1.1 otherwise.
///
///     TCP ─► TLS handshake (trust `trustRootsPEM`, offer `applicationProtocols`, optional client certificate)
///          ├─ "h2"          ─► one HTTP/2 stream: HEADERS (end stream) ◄─ HEADERS, DATA…
///          └─ "http/1.1"/nil ─► GET path HTTP/1.1, Connection: close ◄─ response
///
/// A refused handshake, an alert after it (TLS 1.3 servers refuse a missing client certificate only once the
/// client thinks the handshake is done), a close before the response or the timeout: each throws.
public enum TLSProbe {
    /// What the server answered.
    public struct Response: Sendable {
        /// The HTTP status code.
        public let status: Int
        /// The protocol the server chose by ALPN (`h2`, `http/1.1`), nil when it chose none.
        public let negotiatedProtocol: String?
        /// The response body as UTF-8.
        public let body: String
    }

    /// Why the probe got no response.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Connects to `host:port` over TLS and sends `GET path`.
    ///
    /// - Parameters:
    ///   - serverName: the name sent in SNI and checked against the server certificate; nil sends no SNI and
    ///     checks the certificate's IP addresses against `host` instead.
    ///   - clientCertificatePEM: with `clientKeyPEM`, the certificate presented for mutual TLS.
    public static func get(
        host: String = "127.0.0.1",
        port: Int,
        path: String = "/",
        trustRootsPEM: String,
        serverName: String? = "localhost",
        applicationProtocols: [String] = ["h2", "http/1.1"],
        clientCertificatePEM: String? = nil,
        clientKeyPEM: String? = nil,
        timeout: TimeAmount = .seconds(10)
    ) async throws -> Response {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(trustRootsPEM.utf8)))
        tls.certificateVerification = .fullVerification
        tls.applicationProtocols = applicationProtocols
        if let clientCertificatePEM, let clientKeyPEM {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(clientCertificatePEM.utf8))
                .map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(clientKeyPEM.utf8), format: .pem))
        }
        let context = try NIOSSLContext(configuration: tls)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let response = loop.makePromise(of: Response.self)
        let deadline = loop.scheduleTask(in: timeout) {
            response.fail(Failure(description: "no response within \(timeout)"))
        }
        defer { deadline.cancel() }

        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: context, serverHostname: serverName)
                        )
                        // The pipeline for the negotiated protocol is set up inside the handshake event: the
                        // server's first HTTP/2 frames can arrive in the same read as the end of the handshake.
                        let authority = serverName ?? host
                        let observer = HandshakeObserver(response) { negotiated, channel in
                            try Self.send(path, host: authority, on: channel, negotiated: negotiated, into: response)
                        }
                        try channel.pipeline.syncOperations.addHandler(observer)
                    }
                }
                .connect(host: host, port: port)
                .get()
        } catch {
            // NIO insists that no promise is dropped unfulfilled.
            response.fail(error)
            throw error
        }
        // From here on the handlers or the timeout complete the response; the channel is closed either way.
        defer { channel.close(promise: nil) }
        return try await response.futureResult.get()
    }

    /// Configures the pipeline for the negotiated protocol and writes the request (on the channel's event loop).
    private static func send(
        _ path: String,
        host: String,
        on channel: any Channel,
        negotiated: String?,
        into response: EventLoopPromise<Response>
    ) throws {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        head.headers.add(name: "host", value: host)
        if negotiated != "h2" { head.headers.add(name: "connection", value: "close") }
        let request = head
        let pipeline = channel.pipeline.syncOperations
        if negotiated == "h2" {
            let multiplexer = try pipeline.configureHTTP2Pipeline(
                mode: .client,
                connectionConfiguration: .init(),
                streamConfiguration: .init()
            ) { stream in stream.close() }
            // A connection-level failure (GOAWAY, alert, reset) closes every stream, which fails the collector.
            multiplexer.createStreamChannel { stream in
                stream.eventLoop.makeCompletedFuture {
                    let streamPipeline = stream.pipeline.syncOperations
                    try streamPipeline.addHandler(HTTP2FramePayloadToHTTP1ClientCodec(httpProtocol: .https))
                    try streamPipeline.addHandler(ResponseCollector("h2", response))
                }
            }.whenComplete { result in
                switch result {
                case .success(let stream):
                    stream.write(HTTPClientRequestPart.head(request), promise: nil)
                    stream.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
                case .failure(let error):
                    response.fail(error)
                }
            }
        } else {
            try pipeline.addHTTPClientHandlers()
            try pipeline.addHandler(ResponseCollector(negotiated, response))
            channel.write(HTTPClientRequestPart.head(request), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }
    }
}

/// Hands the ALPN result and the channel to `onHandshake` the moment the TLS handshake finishes, and fails
/// `promise` when the handshake (or `onHandshake`) does.
private final class HandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let promise: EventLoopPromise<TLSProbe.Response>
    private let onHandshake: (String?, any Channel) throws -> Void

    init(
        _ promise: EventLoopPromise<TLSProbe.Response>,
        onHandshake: @escaping (String?, any Channel) throws -> Void
    ) {
        self.promise = promise
        self.onHandshake = onHandshake
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted(let negotiated) = event as? TLSUserEvent {
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
            do {
                try onHandshake(negotiated, context.channel)
            } catch {
                promise.fail(error)
                context.close(promise: nil)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(TLSProbe.Failure(description: "connection closed during the TLS handshake"))
        context.fireChannelInactive()
    }
}

/// Gathers one HTTP/1-style response (HTTP/2 frames arrive translated) and completes `promise` with it.
private final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let negotiated: String?
    private let promise: EventLoopPromise<TLSProbe.Response>
    private var status = 0
    private var body = ""

    init(_ negotiated: String?, _ promise: EventLoopPromise<TLSProbe.Response>) {
        self.negotiated = negotiated
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(let buffer): body += String(buffer: buffer)
        case .end:
            promise.succeed(TLSProbe.Response(status: status, negotiatedProtocol: negotiated, body: body))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(TLSProbe.Failure(description: "connection closed before the response was complete"))
        context.fireChannelInactive()
    }
}
