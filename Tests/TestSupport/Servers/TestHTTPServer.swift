import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// An HTTP server on 127.0.0.1 for the generator's protocol tests: HTTP/1.1 or HTTP/2 (by ALPN over TLS, or h2c with
/// prior knowledge), answering every request with 200 and a short body, after an optional delay.
///
/// It counts what a test asserts on: connections accepted, requests served, the protocol of each connection, and the
/// most HTTP/2 streams it had open on one connection. It can also send GOAWAY after a number of requests.
public final class TestHTTPServer: Sendable {
    public struct Options: Sendable {
        /// TLS; nil for plain TCP.
        public var tls: TLSConfiguration?
        /// With TLS: the protocols offered by ALPN. Without: whether the server speaks h2c instead of HTTP/1.1.
        public var alpn: [String] = ["h2", "http/1.1"]
        public var plaintextHTTP2 = false
        public var responseDelay: TimeAmount = .zero
        /// Send GOAWAY on a connection once it has served this many requests.
        public var goAwayAfterRequests: Int?
        /// HTTP/2: reset every n-th request's stream (RST_STREAM) instead of answering it.
        public var resetEveryNthRequest: Int?
        public var maxConcurrentStreams = 100

        public init(tls: TLSConfiguration? = nil) { self.tls = tls }
    }

    /// What the server has seen.
    public struct Counts: Sendable {
        public var connections = 0
        public var requests = 0
        public var protocols: [String] = []
        public var mostConcurrentStreams = 0
        public var openStreams = 0
        public var goAwaysSent = 0
        public var streamsReset = 0
        /// The last request's method, headers (names lower-cased) and body size.
        public var lastMethod = ""
        public var lastHeaders: [String: String] = [:]
        public var lastBodyBytes = 0
    }

    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    let state = Mutex(Counts())
    public let port: Int

    public var counts: Counts { state.withLock { $0 } }

    public func url(secure: Bool) -> String { "\(secure ? "https" : "http")://127.0.0.1:\(port)" }

    private init(channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.channel = channel
        self.group = group
        self.port = channel.localAddress?.port ?? 0
    }

    public static func start(_ options: Options) async throws -> TestHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let context = try options.tls.map { tls -> NIOSSLContext in
            var configuration = tls
            configuration.applicationProtocols = options.alpn
            return try NIOSSLContext(configuration: configuration)
        }
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.configure(channel, options: options, context: context, box: box)
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = TestHTTPServer(channel: channel, group: group)
        box.server.withLock { $0 = server }
        return server
    }

    private static func configure(
        _ channel: any Channel,
        options: Options,
        context: NIOSSLContext?,
        box: ServerBox
    ) throws {
        let server = { box.server.withLock { $0 } }
        server()?.state.withLock { $0.connections += 1 }
        let sync = channel.pipeline.syncOperations
        guard let context else {
            if options.plaintextHTTP2 {
                server()?.state.withLock { $0.protocols.append("h2c") }
                try addHTTP2(channel, options: options, box: box)
            } else {
                server()?.state.withLock { $0.protocols.append("http/1.1") }
                try sync.configureHTTPServerPipeline()
                try sync.addHandler(Responder(options: options, box: box, isHTTP2: false))
            }
            return
        }
        try sync.addHandler(NIOSSLServerHandler(context: context))
        try sync.addHandler(
            ApplicationProtocolNegotiationHandler { result, channel in
                channel.eventLoop.makeCompletedFuture {
                    if case .negotiated("h2") = result {
                        server()?.state.withLock { $0.protocols.append("h2") }
                        try addHTTP2(channel, options: options, box: box)
                    } else {
                        server()?.state.withLock { $0.protocols.append("http/1.1") }
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(
                            Responder(options: options, box: box, isHTTP2: false)
                        )
                    }
                }
            }
        )
    }

    private static func addHTTP2(_ channel: any Channel, options: Options, box: ServerBox) throws {
        var connection = NIOHTTP2Handler.ConnectionConfiguration()
        connection.initialSettings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: options.maxConcurrentStreams)
        ]
        _ = try channel.pipeline.syncOperations.configureHTTP2Pipeline(
            mode: .server,
            connectionConfiguration: connection,
            streamConfiguration: .init()
        ) { stream in
            stream.eventLoop.makeCompletedFuture {
                try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ServerCodec())
                try stream.pipeline.syncOperations.addHandler(Responder(options: options, box: box, isHTTP2: true))
            }
        }
    }

    public func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// Lets connection initialisers reach the server made after the listener is bound.
final class ServerBox: Sendable {
    let server = Mutex<TestHTTPServer?>(nil)
}

/// Answers each request with 200 "ok", after the configured delay; counts streams and sends GOAWAY when asked.
final class Responder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let options: TestHTTPServer.Options
    private let box: ServerBox
    private let isHTTP2: Bool

    init(options: TestHTTPServer.Options, box: ServerBox, isHTTP2: Bool) {
        self.options = options
        self.box = box
        self.isHTTP2 = isHTTP2
    }

    private var bodyBytes = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let server = box.server.withLock { $0 }
        switch unwrapInboundIn(data) {
        case .head(let head):
            bodyBytes = 0
            server?.state.withLock { counts in
                counts.lastMethod = head.method.rawValue
                counts.lastHeaders = Dictionary(
                    head.headers.map { ($0.name.lowercased(), $0.value) },
                    uniquingKeysWith: { first, _ in first }
                )
            }
            return
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
            return
        case .end:
            let size = bodyBytes
            server?.state.withLock { $0.lastBodyBytes = size }
        }
        let served =
            server?.state.withLock { counts -> Int in
                counts.requests += 1
                if isHTTP2 {
                    counts.openStreams += 1
                    counts.mostConcurrentStreams = max(counts.mostConcurrentStreams, counts.openStreams)
                }
                return counts.requests
            } ?? 0
        if isHTTP2, let limit = options.goAwayAfterRequests, served == limit, let parent = context.channel.parent {
            server?.state.withLock { $0.goAwaysSent += 1 }
            let last = (try? context.channel.syncOptions?.getOption(HTTP2StreamChannelOptions.streamID)) ?? .rootStream
            let goAway = HTTP2Frame(
                streamID: .rootStream,
                payload: .goAway(lastStreamID: last, errorCode: .noError, opaqueData: nil)
            )
            parent.writeAndFlush(goAway, promise: nil)
        }
        if isHTTP2, let every = options.resetEveryNthRequest, served % every == 0 {
            server?.state.withLock {
                $0.streamsReset += 1
                $0.openStreams -= 1
            }
            context.close(promise: nil)  // a stream channel closed before its end is reset with RST_STREAM
            return
        }
        let respond = { [self] in
            var headers = HTTPHeaders()
            headers.add(name: "content-length", value: "2")
            headers.add(name: "content-type", value: "text/plain")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))),
                promise: nil
            )
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "ok")))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            if isHTTP2 { server?.state.withLock { $0.openStreams -= 1 } }
        }
        if options.responseDelay > .zero {
            context.eventLoop.assumeIsolated().scheduleTask(in: options.responseDelay) { respond() }
        } else {
            respond()
        }
    }
}
