import NIOCore
import NIOPosix

/// A TCP echo server on 127.0.0.1 and an ephemeral port; it answers a FIN with its own FIN (half-close aware).
public final class EchoServer: Sendable {
    public let channel: any Channel

    public var port: Int { channel.localAddress!.port! }

    private init(channel: any Channel) { self.channel = channel }

    public static func start() async throws -> EchoServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(EchoHandler()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return EchoServer(channel: channel)
    }

    public func stop() async { try? await channel.close() }
}

private final class EchoHandler: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.write(data, promise: nil)
    }

    public func channelReadComplete(context: ChannelHandlerContext) { context.flush() }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent {
            context.close(mode: .output, promise: nil)
        }
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
}
