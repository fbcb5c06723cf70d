import Basics
import NIOCore
import NIOPosix
import Synchronization

/// How the test server answers; every knob is one way a real target misbehaves.
public struct TestServerBehavior: Sendable {
    /// Added before every response.
    public var delay: Duration = .zero
    /// Requests arriving in this window (offsets from the first request) are answered only when it closes.
    public var stall: Range<Duration>?
    public var status = 200
    /// Answer with bytes that are not HTTP.
    public var malformed = false
    /// Close the connection instead of answering.
    public var closeInsteadOfAnswering = false
    /// Never answer (the client must time out).
    public var neverAnswer = false

    public init() {}
}

/// A small HTTP/1.1 server on 127.0.0.1 with an ephemeral port, counting the requests it receives.
///
/// It reads request heads only (the tests send no bodies) and answers each with a 5-byte body.
public final class TestServer: Sendable {
    public let port: Int
    private let channel: any Channel
    private let counter: RequestCounter

    public var requestCount: Int { counter.value.load(ordering: .relaxed) }

    private init(port: Int, channel: any Channel, counter: RequestCounter) {
        self.port = port
        self.channel = channel
        self.counter = counter
    }

    public static func start(_ behavior: TestServerBehavior = TestServerBehavior()) async throws -> TestServer {
        let counter = RequestCounter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        TestServerHandler(behavior: behavior, counter: counter)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestServer(port: channel.localAddress!.port!, channel: channel, counter: counter)
    }

    /// A port on which nothing listens (bound, then closed at once).
    public var url: String { "http://127.0.0.1:\(port)" }

    public func stop() async {
        try? await channel.close()
    }
}

public final class RequestCounter: Sendable {
    public let value = Atomic(0)
    /// When the first request arrived (uptime nanoseconds), or 0 before it.
    public let firstArrival = Atomic<UInt64>(0)

    public func arrived(at now: NIODeadline) -> NIODeadline {
        value.add(1, ordering: .relaxed)
        let first = firstArrival.compareExchange(expected: 0, desired: now.uptimeNanoseconds, ordering: .relaxed)
        return first.exchanged ? now : .uptimeNanoseconds(first.original)
    }
}

private final class TestServerHandler: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    public let behavior: TestServerBehavior
    public let counter: RequestCounter
    public var pending = ByteBuffer()

    public init(behavior: TestServerBehavior, counter: RequestCounter) {
        self.behavior = behavior
        self.counter = counter
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        pending.writeBuffer(&incoming)
        while let end = pending.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) {
            pending.moveReaderIndex(forwardBy: end.upperBound - pending.readerIndex)
            answer(context: context, started: counter.arrived(at: .now()))
        }
    }

    private func answer(context: ChannelHandlerContext, started: NIODeadline) {
        if behavior.neverAnswer { return }
        if behavior.closeInsteadOfAnswering { return context.close(promise: nil) }
        let now = NIODeadline.now()
        var due = now + .nanoseconds(behavior.delay.nanosecondsClamped)
        if let stall = behavior.stall {
            let offset = Duration.nanoseconds(Int64(now.uptimeNanoseconds - started.uptimeNanoseconds))
            if stall.contains(offset) {
                due = max(due, started + .nanoseconds(stall.upperBound.nanosecondsClamped))
            }
        }
        let text =
            behavior.malformed
            ? "HTTP/1.1 2x0 Nope\r\n\r\n" : "HTTP/1.1 \(behavior.status) OK\r\nContent-Length: 5\r\n\r\nhello"
        let bytes = context.channel.allocator.buffer(string: text)
        let respond = { context.writeAndFlush(NIOAny(bytes), promise: nil) }
        if due <= now { return respond() }
        context.eventLoop.assumeIsolated().scheduleTask(deadline: due) { respond() }
    }
}
