import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose response ended before its request body did, after a bounded lingering read, as
/// nginx's `lingering_close` does.
///
/// An early error response (413 from the body limit, 401 before a handler reads the body, 404...) leaves the rest
/// of the body on the wire. With `Connection: close` Hummingbird then stops reading and waits for the peer to
/// close, while a client that sends its whole body before it reads (urllib, many others) is blocked in its send:
/// both wait until the client's own timeout. Closing at once would not help either: unread bytes make the kernel
/// answer with a reset, which can destroy the response before the client reads it.
///
/// So once such a response is written, this handler marks it `Connection: close`, half-closes (FIN after the
/// response), and reads and discards what the client still sends, never passing it on, until the body ends, the
/// client closes, `maxBytes` were discarded or `maxTime` passed; then it closes the connection.
///
///     requests ended < responses ended  ⇒  the response just ended answers a request whose body is still arriving
final class LingeringCloseHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How much of an abandoned body is read and discarded before the connection is closed anyway.
    struct Limits: Sendable {
        var maxBytes: Int = 16 * 1024 * 1024
        var maxTime: TimeAmount = .seconds(5)
    }

    private let limits: Limits
    private var requestsEnded = 0
    private var responsesEnded = 0
    /// Bytes discarded so far; nil until lingering starts.
    private var discarded: Int?
    private var deadline: Scheduled<Void>?
    private var closed = false

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        guard let discarded else {
            if case .end = part { requestsEnded += 1 }
            context.fireChannelRead(data)
            return
        }
        switch part {
        case .body(let buffer):
            self.discarded = discarded + buffer.readableBytes
            if discarded + buffer.readableBytes > limits.maxBytes { close(context) }
        case .head, .end:
            // The body is all in (a head cannot come before its end): nothing more will be read.
            close(context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Read on whatever the consumer's backpressure says: the bytes go nowhere.
        if discarded != nil && !closed { context.read() }
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if discarded != nil, let event = event as? ChannelEvent, event == .inputClosed { close(context) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client that gives up mid-body makes the decoder fail at EOF; while lingering that is the expected end.
        if discarded != nil {
            close(context)
            return
        }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where requestsEnded <= responsesEnded && response.status.kind != .informational:
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end where requestsEnded <= responsesEnded:
            responsesEnded += 1
            let written = promise ?? context.eventLoop.makePromise()
            context.write(data, promise: written)
            written.futureResult.assumeIsolated().whenSuccess { [self] in startLingering(context) }
        case .end:
            responsesEnded += 1
            context.write(data, promise: promise)
        case .head, .body:
            context.write(data, promise: promise)
        }
    }

    private func startLingering(_ context: ChannelHandlerContext) {
        guard discarded == nil, !closed else { return }
        discarded = 0
        context.close(mode: .output, promise: nil)
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: limits.maxTime) { [self] in close(context) }
        context.read()
    }

    private func close(_ context: ChannelHandlerContext) {
        guard !closed else { return }
        closed = true
        deadline?.cancel()
        context.close(mode: .all, promise: nil)
    }
}
