import NIOCore
import NIOPosix
import Synchronization

/// A loopback TCP server that answers every connection with the same bytes and closes it.
///
/// Plain channel handlers, not `NIOAsyncChannel`: a connection accepted just as the server stops would drop its
/// unconsumed async wrapper, which NIO treats as a programming error and crashes the test process.
public struct FixedResponseServer {
    public let channel: any Channel
    public var port: Int { channel.localAddress?.port ?? 0 }

    public static func start(answering response: String) async throws -> (FixedResponseServer, Task<Void, any Error>) {
        try await start { _ in response }
    }

    /// A server whose answer depends on the connection's number (0, 1, …), for endpoints that change over time.
    public static func start(answeringEach response: @escaping @Sendable (Int) -> String) async throws
        -> (FixedResponseServer, Task<Void, any Error>)
    {
        let counter = ConnectionCounter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                let answer = response(counter.next())
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(FixedResponseHandler(answer: answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        // Cancelling the task stops the server, as the tests' `defer { task.cancel() }` expects.
        let task = Task {
            try await withTaskCancellationHandler {
                try await channel.closeFuture.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        }
        return (FixedResponseServer(channel: channel), task)
    }
}

/// Numbers the accepted connections 0, 1, 2, …
private final class ConnectionCounter: Sendable {
    private let count = Mutex(0)

    public func next() -> Int {
        count.withLock { count in
            defer { count += 1 }
            return count
        }
    }
}

/// Writes the answer after the first bytes of the request arrive, then closes the connection.
private final class FixedResponseHandler: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    public let answer: String
    private var answered = false

    public init(answer: String) { self.answer = answer }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        answered = true
        let closing = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer)), promise: closing)
        closing.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
