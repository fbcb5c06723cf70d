import NIOCore
import NIOPosix
import Synchronization

/// A server that writes to each client as fast as the socket accepts, counting what it got rid of; with
/// `answeringHTTP`, it waits for a request and floods the body of an endless HTTP/1.1 response instead.
public final class FloodServer: Sendable {
    public let channel: any Channel
    private let counter: Counter

    public var port: Int { channel.localAddress!.port! }
    public var sent: Int { counter.value.load(ordering: .relaxed) }

    public final class Counter: Sendable { let value = Atomic<Int>(0) }

    private init(channel: any Channel, counter: Counter) {
        self.channel = channel
        self.counter = counter
    }

    public static func start(answeringHTTP: Bool = false) async throws -> FloodServer {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        FloodHandler(counter: counter, answeringHTTP: answeringHTTP)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FloodServer(channel: channel, counter: counter)
    }

    public func stop() async { try? await channel.close() }
}

private final class FloodHandler: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer
    public let counter: FloodServer.Counter
    public let block = ByteBuffer(repeating: 0x5A, count: 64 << 10)

    /// Whether to wait for a request and send a response head before the flood.
    private let answeringHTTP: Bool
    private var flooding = false

    public init(counter: FloodServer.Counter, answeringHTTP: Bool) {
        self.counter = counter
        self.answeringHTTP = answeringHTTP
    }

    public func channelActive(context: ChannelHandlerContext) {
        guard !answeringHTTP else { return }
        flooding = true
        pump(context)
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard answeringHTTP, !flooding else { return }
        flooding = true
        let head = "HTTP/1.1 200 OK\r\nContent-Length: \(Int64.max)\r\n\r\n"
        context.write(wrapOutboundOut(ByteBuffer(string: head)), promise: nil)
        pump(context)
    }

    public func channelWritabilityChanged(context: ChannelHandlerContext) {
        if flooding { pump(context) }
    }

    /// Writes while the channel is writable; each accepted write counts as sent.
    private func pump(_ context: ChannelHandlerContext) {
        while context.channel.isWritable {
            context.writeAndFlush(wrapOutboundOut(block), promise: nil)
            counter.value.add(block.readableBytes, ordering: .relaxed)
        }
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
}
