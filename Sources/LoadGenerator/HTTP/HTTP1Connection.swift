import NIOCore
import Profiler

/// The last handler of an HTTP/1.1 connection's pipeline (after TLS, when the target is https): writes pre-encoded
/// requests and parses responses for the virtual user that owns the connection.
///
/// Writes made while a read is being handled (the next request, sent as soon as a response completes) are flushed
/// once in `channelReadComplete`, so one read batch costs one flush. The clock is read once per read.
final class HTTP1Connection: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    unowned let user: VirtualUser
    private var context: ChannelHandlerContext?
    private var parser = ResponseParser()
    private var cumulation: ByteBuffer?
    private var isReading = false
    private var needsFlush = false
    /// Set once the user has given up on the connection, so that its close is not reported again.
    private(set) var isAbandoned = false

    init(user: VirtualUser) {
        self.user = user
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// Writes one request; the flush waits for the end of the current read batch when called from inside one.
    func send(_ request: ByteBuffer, collectingResponse: Bool, isHead: Bool) {
        guard let context else { return }
        parser.collects = collectingResponse
        parser.answersHead = isHead
        context.write(wrapOutboundOut(request), promise: nil)
        if isReading { needsFlush = true } else { context.flush() }
    }

    /// Closes the connection without reporting anything more to the user.
    func abandon() {
        isAbandoned = true
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        let now = NIODeadline.now()
        isReading = true
        if cumulation != nil {
            cumulation!.writeBuffer(&incoming)
            swap(&incoming, &cumulation!)
            cumulation = nil
        }
        while incoming.readableBytes > 0 && !isAbandoned {
            guard user.isAwaitingResponse else {
                // Bytes nobody asked for: the stream can no longer be trusted, so the user must not reuse it.
                abandon()
                user.connectionClosed(self, at: now)
                return
            }
            do {
                guard let response = try parser.parse(&incoming) else { break }
                user.received(response, at: now)
            } catch {
                abandon()
                user.failed(.malformedResponse, at: now)
                return
            }
        }
        if incoming.readableBytes > 0 && !isAbandoned { cumulation = incoming }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        isReading = false
        if needsFlush {
            needsFlush = false
            context.flush()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.context = nil
        guard !isAbandoned else { return }
        isAbandoned = true
        let now = NIODeadline.now()
        if user.isAwaitingResponse, let response = parser.finishAtClose() {
            user.received(response, at: now)
        }
        user.connectionClosed(self, at: now)
    }

    /// A TLS alert after the handshake (TLS 1.3 sends a refused client certificate's alert only then) fails the
    /// request as a TLS failure; anything else closes the connection, which resets a request in flight.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !isAbandoned, user.isAwaitingResponse, let reason = TLSFailureClassifier.reason(of: error, refused: nil) {
            abandon()
            user.failedTLS(reason, at: NIODeadline.now())
            return
        }
        context.close(promise: nil)
    }
}
