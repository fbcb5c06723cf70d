import NIOCore

/// One socket of a proxied connection, GlueHandler style: reads only while its partner can take the bytes, passes
/// what it reads to its ``ToxicLink`` (or straight to the partner while the link has nothing to do), forwards
/// half-closes, and is the ``LinkOutput`` of the opposite direction.
final class ProxyHandler: ChannelDuplexHandler, LinkOutput {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The connection both handlers belong to; set before the channel is active.
    var connection: ProxyConnection?
    /// The handler of the other socket, once the upstream is connected.
    var partner: ProxyHandler?
    /// The direction that carries what this socket reads to the partner.
    var link: ToxicLink?
    /// The HTTP layer, on a proxy in `protocol: http` mode; it receives what this socket reads instead of the link.
    var exchange: HTTPExchange?
    /// This is the accepted (client) socket, not the upstream one.
    var isClient = false
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    /// Whether this socket can take more bytes, as last reported by NIO; the partner checks it before every read, so
    /// it is kept here instead of asking the channel (which costs reference counting on the byte path).
    private(set) var writable = true
    /// Bytes were written since the last flush; a read that wrote nothing needs no flush.
    private var unflushed = false
    /// This socket sent its FIN (or closed); the end has been handed to the link.
    private(set) var inputEnded = false
    /// Bytes read before the link existed.
    private var early: [ByteBuffer] = []
    /// This socket was half-closed by us (or closed); nothing more goes to it.
    private var outputEnded = false

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        connection?.socketActive(self)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        guard let link else { return early.append(bytes) }
        if exchange != nil { return deliver(bytes) }
        // The fast path: with no toxic and nothing queued the link would only pass the bytes on, so they go to the
        // partner directly. Toxics are installed on this event loop between reads, so every chunk still meets the
        // chain that is current when it is read.
        if link.isPassThrough, let partner {
            partner.write(bytes)
        } else {
            link.receive(bytes)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.flush()
        // In HTTP mode a read can also write back to this socket (an http_status answer).
        if exchange != nil { flush() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent {
            endInput()
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection?.socketClosed(self)
        context.fireChannelInactive()
    }

    /// Hands the end of this socket's input to its link, once.
    func endInput() {
        guard !inputEnded else { return }
        inputEnded = true
        deliverEnd()
    }

    /// Passes bytes this socket read to the HTTP layer or the link.
    private func deliver(_ bytes: ByteBuffer) {
        guard let exchange else { return link?.receive(bytes) ?? () }
        if isClient { exchange.clientRead(bytes) } else { exchange.serverRead(bytes) }
    }

    private func deliverEnd() {
        guard let exchange else { return link?.receiveEnd() ?? () }
        if isClient { exchange.clientEnded() } else { exchange.serverEnded() }
    }

    /// Passes on what arrived before the link existed, then the end if it came too.
    ///
    /// Holding back `read()` does not stop everything: when a FIN arrives, NIO drains the socket (data, then EOF)
    /// without being asked, so a quick client's bytes and FIN can land before the upstream is connected.
    func replayEarlyInput() {
        guard link != nil else { return }
        for bytes in early { deliver(bytes) }
        early = []
        if inputEnded { deliverEnd() }
    }

    /// Records that nothing more goes to this socket, once; the connection closes when both directions are over.
    func endOutput() {
        guard !outputEnded else { return }
        outputEnded = true
        connection?.directionEnded()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        writable = context.channel.isWritable
        if writable {
            partner?.resumeRead()
            if exchange != nil { resumeRead() }
        }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if mayRead {
            context.read()
        } else {
            pendingRead = true
        }
    }

    /// Whether what this socket reads can go anywhere: the partner is writable and the link under its limit.
    private var mayRead: Bool {
        guard let partner, let link else { return false }
        guard partner.writable && partner.context != nil && link.hasCapacity else { return false }
        // In HTTP mode the client's reads also write to the client (answers): a client that does not read its
        // responses is not read either, so answers cannot pile up.
        guard let exchange, isClient else { return true }
        return writable && exchange.downstream.hasCapacity
    }

    /// Issues the read held back while the partner was busy; `force` issues one even if none was held (a spare
    /// read is harmless: NIO ignores it while one is pending).
    func resumeRead(force: Bool = false) {
        guard pendingRead || force, mayRead, let context else { return }
        pendingRead = false
        context.read()
    }

    /// The underlying channel, while the handler is in a pipeline.
    var channel: (any Channel)? { context?.channel }

    // MARK: LinkOutput

    func write(_ bytes: ByteBuffer) {
        guard let context else { return }
        unflushed = true
        context.write(wrapOutboundOut(bytes), promise: nil)
    }

    func flush() {
        guard unflushed, let context else { return }
        unflushed = false
        context.flush()
    }

    /// Half-closes once every byte written before has gone out: NIO escalates an output close on a socket whose
    /// input is already shut to a full close, which would drop writes still pending.
    func endStream() {
        guard let context else { return endOutput() }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer()), promise: written)
        written.futureResult.assumeIsolated().whenComplete { [self] _ in
            self.context?.close(mode: .output, promise: nil)
            endOutput()
        }
    }

    func closeConnection() { connection?.close() }

    func resetConnection() { connection?.reset() }

    func linkHasCapacity() {
        partner?.resumeRead()
        if exchange != nil { resumeRead() }
    }
}
