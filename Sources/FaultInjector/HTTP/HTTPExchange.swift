import Basics
import NIOCore

/// The HTTP/1.1 layer of one connection through a proxy in `protocol: http` mode: frames requests and responses,
/// takes one ``HTTPDecision`` per request, and carries it out in order.
///
/// ```
///   client ─read─▶ request framer ─head─▶ decide (HTTP toxics, toxicity per request) ─┬─▶ upstream link ─▶ server
///                                                                                    │   (held `delay`)
///                                   FIFO of decisions, one per request in flight ◀───┤
///   client ◀─ downstream link ◀─ edit / cut ◀─ response framer ◀─read─ server        └─▶ answer (http_status),
///                                                                                        sent in its turn
/// ```
///
/// Pipelined responses come back in request order, so the FIFO pairs each response with its request's decision;
/// an answered request waits in the FIFO until the responses before it are through. What goes out passes through
/// the ordinary links, so TCP toxics, timers and back-pressure apply as on a TCP proxy. Bytes that are not
/// HTTP/1.x switch the connection to plain pass-through, counted in the proxy's `unparsed_connections`.
/// Every method runs on the connection's event loop.
final class HTTPExchange {
    /// An HTTP toxic installed on this connection.
    struct Stage {
        var toxic: any HTTPToxic
        var toxicity: Double
    }

    private let proxy: Proxy
    let upstream: ToxicLink
    let downstream: ToxicLink
    private var stages: [Stage] = []
    private var random: SplitMix64
    private var requests = HTTPFramer(kind: .request)
    private var responses = HTTPFramer(kind: .response)
    /// The decisions of the requests whose responses are not through yet, oldest first.
    private var pending = CircularBuffer<HTTPDecision>()
    /// The body of the request being read is dropped (the request was answered).
    private var droppingRequest = false
    /// Response bytes still allowed before the cut, for the response in progress; nil for no cut.
    private var abortBudget: Int?
    /// The response in progress is an interim one (1xx): it does not consume a decision.
    private var interim = false
    /// Requests are held until this instant (http_latency); later bytes queue behind.
    private var holdUntil: ContinuousClock.Instant?
    /// Framing of requests gave up (or the connection upgraded): they pass through untouched. Responses to the
    /// requests decided before are still framed, so their decisions hold; the first response beyond them ends that.
    private var requestsPassThrough = false
    /// Framing of responses gave up: from here on the connection is a plain pipe.
    private var responsesPassThrough = false
    /// This connection was counted as unparsed.
    private var counted = false
    /// A response was cut: nothing more goes to the client.
    private var aborted = false

    init(proxy: Proxy, upstream: ToxicLink, downstream: ToxicLink, seed: UInt64) {
        self.proxy = proxy
        self.upstream = upstream
        self.downstream = downstream
        self.random = SplitMix64(seed: seed)
    }

    /// Replaces the HTTP toxics; requests already decided keep their decisions.
    func install(_ specs: [ToxicSpec]) {
        stages = specs.compactMap { spec in
            (spec.toxic as? any HTTPToxic).map { Stage(toxic: $0, toxicity: spec.toxicity) }
        }
    }

    // MARK: Requests (client → server)

    /// Bytes read from the client.
    func clientRead(_ bytes: ByteBuffer) {
        guard !requestsPassThrough else { return forwardUp(bytes) }
        requests.append(bytes)
        do {
            while let frame = try requests.next() {
                switch frame {
                case .head(let head): beginRequest(head)
                case .body(let body): if !droppingRequest { forwardUp(body) }
                case .end: droppingRequest = false
                }
                if requestsPassThrough { return forwardUp(requests.takeUnframed()) }
            }
        } catch {
            requestsPassThrough = true
            countUnparsed()
            forwardUp(error.unframed)
        }
    }

    /// The client sent its FIN: it goes on after whatever is held.
    func clientEnded() {
        upstream.receive(.end(at: release()))
    }

    private func beginRequest(_ head: HTTPHead) {
        var decision = HTTPDecision()
        decision.isHEAD = head.isHEAD
        decision.closeAfter = !head.keepAlive
        for stage in stages where stage.toxic.match.matches(head) && draw(stage.toxicity) {
            stage.toxic.decide(for: head, into: &decision, random: &random)
        }
        if decision.delay > .zero {
            let until = ContinuousClock.now + decision.delay
            holdUntil = max(holdUntil ?? until, until)
        }
        if decision.answer != nil {
            droppingRequest = true
            if pending.isEmpty { send(answerOf: decision) } else { pending.append(decision) }
        } else {
            pending.append(decision)
            forwardUp(head.buffer)
        }
    }

    private func draw(_ toxicity: Double) -> Bool {
        toxicity >= 1 || Double.random(in: 0..<1, using: &random) < toxicity
    }

    /// When bytes read now may go: now, or the end of the current hold.
    private func release() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        guard let hold = holdUntil else { return now }
        if hold <= now { holdUntil = nil }
        return max(hold, now)
    }

    private func forwardUp(_ bytes: ByteBuffer) {
        guard bytes.readableBytes > 0 else { return }
        if holdUntil == nil {
            upstream.receive(bytes)
        } else {
            upstream.receive(.deliver(bytes, at: release()))
        }
    }

    /// Sends an answered request's response to the client, at the end of its hold.
    private func send(answerOf decision: HTTPDecision) {
        guard let answer = decision.answer, !aborted else { return }
        let at = release()
        downstream.receive(.deliver(answer, at: at))
        if decision.closeAfter { downstream.receive(.close(at: at)) }
    }

    /// Counts the connection in the proxy's `unparsed_connections`, once.
    private func countUnparsed() {
        guard !counted else { return }
        counted = true
        proxy.countUnparsedConnection()
    }

    /// Gives up framing both ways for the rest of the connection, after passing on `unframed` response bytes.
    fileprivate func becomePipe(unframedResponse: ByteBuffer, counted: Bool) {
        if counted { countUnparsed() }
        requestsPassThrough = true
        responsesPassThrough = true
        forwardDown(unframedResponse)
        forwardDown(responses.takeUnframed())
        forwardUp(requests.takeUnframed())
    }
}

extension HTTPExchange {
    // MARK: Responses (server → client)

    /// Bytes read from the server.
    func serverRead(_ bytes: ByteBuffer) {
        guard !responsesPassThrough else { return forwardDown(bytes) }
        guard !aborted else { return }
        responses.append(bytes)
        do {
            while let frame = try responses.next(bodiless: pending.first?.isHEAD ?? false) {
                switch frame {
                case .head(let head): beginResponse(head)
                case .body(let body): sendResponse(body)
                case .end: endResponse()
                }
                if aborted { return }
                if responsesPassThrough { return }
            }
        } catch {
            becomePipe(unframedResponse: error.unframed, counted: true)
        }
    }

    /// The server sent its FIN: it ends a response without a length, then goes to the client.
    func serverEnded() {
        if !responsesPassThrough, responses.endsAtClose { endResponse() }
        downstream.receiveEnd()
    }

    private func beginResponse(_ head: HTTPHead) {
        guard let decision = pending.first else {
            // A response beyond the requests decided: after requests stopped being framed, or one nobody asked for.
            return becomePipe(unframedResponse: head.buffer, counted: !requestsPassThrough)
        }
        if head.status == 101 {
            // The connection switches protocols: nothing more to frame, and nothing to count as unparsed.
            return becomePipe(unframedResponse: head.buffer, counted: false)
        }
        interim = head.status < 200
        var head = head
        if !interim {
            for edit in decision.headerEdits {
                switch edit {
                case .set(let name, let value): head.setHeader(name, value)
                case .remove(let name): head.removeHeader(name)
                }
            }
            abortBudget = decision.abort?.afterBytes
        }
        sendResponse(head.buffer)
    }

    /// Forwards response bytes, cutting the connection where an http_abort says.
    private func sendResponse(_ bytes: ByteBuffer) {
        guard let budget = abortBudget else { return forwardDown(bytes) }
        if bytes.readableBytes < budget {
            abortBudget = budget - bytes.readableBytes
            return forwardDown(bytes)
        }
        forwardDown(bytes.getSlice(at: bytes.readerIndex, length: budget)!)
        aborted = true
        let reset = pending.first?.abort?.reset ?? false
        let now = ContinuousClock.now
        downstream.receive(reset ? .reset(at: now) : .close(at: now))
    }

    private func endResponse() {
        if interim {
            interim = false
            return
        }
        abortBudget = nil
        if !pending.isEmpty { pending.removeFirst() }
        // Answers to requests that were waiting behind this response go now, in order.
        while let next = pending.first, next.answer != nil {
            pending.removeFirst()
            send(answerOf: next)
        }
    }

    private func forwardDown(_ bytes: ByteBuffer) {
        guard bytes.readableBytes > 0 else { return }
        downstream.receive(bytes)
    }
}
