import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP/1.1 server on loopback that answers by path, for the HTTP proxy tests; keep-alive and pipelining are
/// NIO's (`configureHTTPServerPipeline`).
///
/// - `/bytes/N`: `N` bytes of `x` with a Content-Length.
/// - `/chunked/N`: `N` bytes of `y`, chunked, in chunks of up to 1000 bytes.
/// - anything else: `200`, body `<method> <path> <request body bytes>`, with `X-Path` and `X-Server: path` headers.
/// A HEAD request gets the headers only. Every response carries `X-Request: <n>`, counting from 1 per server.
public final class PathHTTPServer: Sendable {
    public let channel: any Channel
    private let served = Atomic<Int>(0)

    public var port: Int { channel.localAddress!.port! }

    /// Requests answered so far.
    public var requests: Int { served.load(ordering: .relaxed) }

    private init(channel: any Channel) { self.channel = channel }

    public static func start() async throws -> PathHTTPServer {
        let box = Mutex<PathHTTPServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        PathResponder(count: { box.withLock { $0 }?.next() ?? 0 })
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = PathHTTPServer(channel: channel)
        box.withLock { $0 = server }
        return server
    }

    fileprivate func next() -> Int { served.add(1, ordering: .relaxed).newValue }

    public func stop() async { try? await channel.close() }
}

private final class PathResponder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let count: @Sendable () -> Int
    private var head: HTTPRequestHead?
    private var bodyBytes = 0

    init(count: @escaping @Sendable () -> Int) { self.count = count }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            bodyBytes = 0
        case .body(let body):
            bodyBytes += body.readableBytes
        case .end:
            guard let head else { return }
            respond(to: head, context: context)
        }
    }

    private func respond(to request: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = String(request.uri.split(separator: "?").first ?? "")
        var headers = HTTPHeaders([("X-Request", "\(count())"), ("X-Server", "path"), ("X-Path", path)])
        let parts = path.split(separator: "/")
        var body: [ByteBuffer]
        if parts.count == 2, parts[0] == "bytes", let size = Int(parts[1]) {
            body = [ByteBuffer(repeating: UInt8(ascii: "x"), count: size)]
            headers.add(name: "Content-Length", value: "\(size)")
        } else if parts.count == 2, parts[0] == "chunked", let size = Int(parts[1]) {
            body = stride(from: 0, to: size, by: 1000).map {
                ByteBuffer(repeating: UInt8(ascii: "y"), count: min(1000, size - $0))
            }
            headers.add(name: "Transfer-Encoding", value: "chunked")
        } else {
            body = [ByteBuffer(string: "\(request.method.rawValue) \(path) \(bodyBytes)")]
            headers.add(name: "Content-Length", value: "\(body[0].readableBytes)")
        }
        if request.method == .HEAD { body = [] }
        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))),
            promise: nil
        )
        for chunk in body { context.write(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil) }
        let keepAlive = request.isKeepAlive
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if !keepAlive { context.close(promise: nil) }
        }
    }
}
