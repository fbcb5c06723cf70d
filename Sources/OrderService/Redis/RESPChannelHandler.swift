import NIOCore

/// A pipelined request on one Redis connection: the command and the promise its reply completes.
struct RESPRequest: Sendable {
    let arguments: [String]
    let reply: EventLoopPromise<RESPValue>
}

/// Writes commands and pairs the replies with them in order: Redis answers each connection's commands first in,
/// first out, so many requests may be in flight on one connection (pipelining). When the connection fails or
/// closes, every waiting request fails with it.
final class RESPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RESPRequest
    typealias OutboundOut = ByteBuffer

    private var buffer = ByteBuffer()
    private var waiting = CircularBuffer<EventLoopPromise<RESPValue>>()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        var bytes = context.channel.allocator.buffer(capacity: 64)
        RESPValue.writeCommand(request.arguments, into: &bytes)
        waiting.append(request.reply)
        context.write(wrapOutboundOut(bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        buffer.writeBuffer(&chunk)
        do {
            while let value = try RESPValue.read(from: &buffer) {
                guard let reply = waiting.popFirst() else {
                    throw RESPProtocolError("a reply nobody asked for")
                }
                reply.succeed(value)
            }
            buffer.discardReadBytes()
        } catch {
            context.fireErrorCaught(error)
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(RedisUnavailable("the connection closed"))
        context.fireChannelInactive()
    }

    private func failAll(_ error: any Error) {
        while let reply = waiting.popFirst() { reply.fail(error) }
    }
}
