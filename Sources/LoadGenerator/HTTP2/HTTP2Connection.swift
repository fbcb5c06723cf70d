import NIOCore
import NIOHPACK
import NIOHTTP2
import Profiler

/// The last handler of an HTTP/2 connection's pipeline, above `NIOHTTP2Handler`: many virtual users' requests
/// multiplexed as streams on one connection, read and written as frames (no child channel per stream).
///
/// ```
/// users ─send──▶ HTTP2Connection ─HEADERS/DATA──▶ NIOHTTP2Handler ─▶ [NIOSSLClientHandler] ─▶ socket
///       ◀─received/failed── (stream id → user) ◀─frames──
/// ```
/// The connection is handed out only once the server's SETTINGS have arrived, so even the first streams respect its
/// MAX_CONCURRENT_STREAMS; streams beyond it wait in `NIOHTTP2Handler`'s buffer and their wait counts in the response
/// time. Stream windows are opened wide at start (our SETTINGS) and the connection window is topped
/// up as it drains, so large responses never stall. RST_STREAM fails only its stream (`stream-reset`); GOAWAY fails
/// the streams above its last id (`goaway`) and lets the rest finish, and no new stream starts on the connection.
final class HTTP2Connection: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame
    typealias OutboundOut = HTTP2Frame

    /// The window we grant the server: the largest HTTP/2 allows.
    static let window = Int(Int32.max)
    /// What we announce: wide stream windows, and no server push.
    static let initialSettings: HTTP2Settings = [
        HTTP2Setting(parameter: .initialWindowSize, value: window),
        HTTP2Setting(parameter: .enablePush, value: 0),
        HTTP2Setting(parameter: .maxHeaderListSize, value: HPACKDecoder.defaultMaxHeaderListSize),
    ]

    /// One request in flight: whose it is and what has arrived of its response.
    private struct Stream {
        unowned let user: VirtualUser
        var collects: Bool
        var response = HTTP2ResponseBuilder()
    }

    private var context: ChannelHandlerContext?
    private var streams: [Int32: Stream] = [:]
    private var nextStreamID: Int32 = 1
    private var isReading = false
    private var needsFlush = false
    private(set) var isGoingAway = false
    /// Whether the server sent GOAWAY (streams it drops are then `goaway`, not `reset`).
    private var sawGoAway = false
    private(set) var isClosed = false
    /// Called once when the connection can carry no more streams (closed, or GOAWAY received).
    var onRetired: (HTTP2Connection) -> Void = { _ in }
    /// Whether the server's first SETTINGS arrived; until then no stream is started.
    private(set) var hasSettings = false
    private var readiness: ((Result<Void, OpenFailure>) -> Void)?
    /// What went wrong before the connection was ready, reported when it closes.
    private var failureBeforeReady: OpenFailure?

    /// Whether a new stream may start here.
    var isUsable: Bool { context != nil && hasSettings && !isGoingAway && !isClosed && nextStreamID < Int32.max - 2 }

    /// Calls back once the server's SETTINGS are in (or the connection failed before that).
    func whenReady(_ callback: @escaping (Result<Void, OpenFailure>) -> Void) {
        if hasSettings { return callback(.success(())) }
        if isClosed { return callback(.failure(failureBeforeReady ?? .error(.reset))) }
        readiness = callback
    }

    /// Gives up on a server whose SETTINGS take too long (counted as a connect timeout).
    func timeOutBeforeReady() {
        guard !hasSettings else { return }
        failureBeforeReady = .error(.connectTimeout)
        context?.close(promise: nil)
    }

    private func settle(_ result: Result<Void, OpenFailure>) {
        guard let callback = readiness else { return }
        readiness = nil
        callback(result)
    }

    /// Streams in flight.
    var activeStreams: Int { streams.count }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { openConnectionWindow(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        openConnectionWindow(context)
        context.fireChannelActive()
    }

    private func openConnectionWindow(_ context: ChannelHandlerContext) {
        let increment = Self.window - 65_535
        context.writeAndFlush(
            wrapOutboundOut(HTTP2Frame(streamID: .rootStream, payload: .windowUpdate(windowSizeIncrement: increment))),
            promise: nil
        )
    }

    /// Starts a stream for `user`'s request and returns its id; the flush waits for the end of a read batch.
    @discardableResult
    func send(headers: HPACKHeaders, body: ByteBuffer?, collecting: Bool, for user: VirtualUser) -> Int32 {
        guard let context, isUsable else { return 0 }
        let id = nextStreamID
        nextStreamID += 2
        streams[id] = Stream(user: user, collects: collecting)
        // Stream ids run out after about a billion requests: this connection then ends with its last streams.
        if nextStreamID >= Int32.max - 2 { isGoingAway = true }
        let streamID = HTTP2StreamID(id)
        let hasBody = body.map { $0.readableBytes > 0 } ?? false
        context.write(
            wrapOutboundOut(
                HTTP2Frame(streamID: streamID, payload: .headers(.init(headers: headers, endStream: !hasBody)))
            ),
            promise: nil
        )
        if hasBody, let body {
            context.write(
                wrapOutboundOut(
                    HTTP2Frame(streamID: streamID, payload: .data(.init(data: .byteBuffer(body), endStream: true)))
                ),
                promise: nil
            )
        }
        if isReading { needsFlush = true } else { context.flush() }
        return id
    }

    /// Gives up on a stream (its user timed out): the server is told with RST_STREAM, the connection stays.
    func cancel(stream id: Int32) {
        guard streams.removeValue(forKey: id) != nil, let context else { return }
        context.writeAndFlush(
            wrapOutboundOut(HTTP2Frame(streamID: HTTP2StreamID(id), payload: .rstStream(.cancel))),
            promise: nil
        )
        retireIfDrained()
    }

    /// Takes no new stream and closes once the streams in flight are done (the pool needs fewer connections).
    func retire() {
        isGoingAway = true
        retireIfDrained()
    }

    /// Closes the connection, failing nothing more (the run is over).
    func close() {
        streams.removeAll()
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        isReading = true
        let id = frame.streamID == .rootStream ? 0 : Int32(Int(frame.streamID))
        switch frame.payload {
        case .headers(let headers):
            guard var stream = streams[id] else { return }
            let outcome = stream.response.received(headers.headers, collecting: stream.collects)
            if outcome == .malformed { return fail(id, .malformedResponse, resetting: true) }
            if headers.endStream { return complete(id, stream) }
            streams[id] = stream
        case .data(let payload):
            guard var stream = streams[id] else { return }
            if case .byteBuffer(var bytes) = payload.data {
                stream.response.received(body: &bytes, collecting: stream.collects)
            }
            if payload.endStream { return complete(id, stream) }
            streams[id] = stream
        case .rstStream:
            fail(id, .streamReset, resetting: false)
        case .goAway(let lastStreamID, _, _):
            goAway(lastStreamID: Int32(Int(lastStreamID)))
        case .settings(.settings):
            if !hasSettings {
                hasSettings = true
                settle(.success(()))
            }
        default:
            break
        }
    }

    private func complete(_ id: Int32, _ stream: Stream) {
        guard let response = stream.response.response else { return fail(id, .malformedResponse, resetting: true) }
        streams[id] = nil
        stream.user.received(response, at: NIODeadline.now())
        retireIfDrained()
    }

    private func fail(_ id: Int32, _ kind: ErrorKind, resetting: Bool) {
        guard let stream = streams.removeValue(forKey: id) else { return }
        if resetting, let context {
            context.write(
                wrapOutboundOut(HTTP2Frame(streamID: HTTP2StreamID(id), payload: .rstStream(.protocolError))),
                promise: nil
            )
            needsFlush = true
        }
        stream.user.failed(kind, at: NIODeadline.now())
        retireIfDrained()
    }

    private func goAway(lastStreamID: Int32) {
        sawGoAway = true
        if !isGoingAway {
            isGoingAway = true
            onRetired(self)
        }
        for id in streams.keys.sorted() where id > lastStreamID { fail(id, .goAway, resetting: false) }
        retireIfDrained()
    }

    /// A connection that is going away closes once its last stream is done.
    private func retireIfDrained() {
        if isGoingAway, streams.isEmpty { context?.close(promise: nil) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let window = event as? NIOHTTP2WindowUpdatedEvent, window.streamID == .rootStream,
            let inbound = window.inboundWindowSize, inbound < Self.window / 2
        {
            let frame = HTTP2Frame(
                streamID: .rootStream,
                payload: .windowUpdate(windowSizeIncrement: Self.window - inbound)
            )
            context.write(wrapOutboundOut(frame), promise: nil)
            needsFlush = true
        } else if let closed = event as? StreamClosedEvent, closed.reason != nil {
            // A stream closed under us without a frame for it (GOAWAY above its id, or a reset NIO sent itself).
            fail(Int32(Int(closed.streamID)), sawGoAway ? .goAway : .streamReset, resetting: false)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        isReading = false
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let streamError = error as? NIOHTTP2Errors.StreamError {
            return fail(Int32(Int(streamError.streamID)), .malformedResponse, resetting: false)
        }
        // The connection is done for: no new stream may start on it while it closes.
        if !isGoingAway {
            isGoingAway = true
            onRetired(self)
        }
        if let reason = TLSFailureClassifier.reason(of: error, refused: nil) {
            failureBeforeReady = .tls(reason)
            let pending = streams
            streams.removeAll()
            for id in pending.keys.sorted() { pending[id]!.user.failedTLS(reason, at: NIODeadline.now()) }
        } else if !hasSettings {
            // Not HTTP/2 (an HTTP/1.1 server answering h2c's preface, say).
            failureBeforeReady = .error(.malformedResponse)
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.context = nil
        isClosed = true
        settle(.failure(failureBeforeReady ?? .error(.reset)))
        let pending = streams
        streams.removeAll()
        let now = NIODeadline.now()
        for id in pending.keys.sorted() { pending[id]!.user.failed(sawGoAway ? .goAway : .reset, at: now) }
        onRetired(self)
        onRetired = { _ in }
    }
}
