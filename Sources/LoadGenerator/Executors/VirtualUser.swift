import Basics
import NIOCore
import Profiler

/// One virtual user: the state machine of the iteration it runs, step by step, over what its loop's pool gives it (a
/// keep-alive HTTP/1.1 connection of its own, or streams of a shared HTTP/2 connection).
///
/// Lives on one event loop and is touched only there. It knows only the flow, its loop's recorder and pool, and the
/// loop to schedule pauses on; executors decide when iterations start. Response time is measured from each request's
/// intended start (for the first step of an open-model iteration, its scheduled start) and service time from the
/// write.
final class VirtualUser {
    /// This user's position among its loop's users (which shared HTTP/2 connection it uses).
    let slot: Int
    let flow: CompiledFlow
    unowned let recorder: LoopRecorder
    unowned let pool: ConnectionPool
    let eventLoop: any EventLoop
    /// This user's own random source: think times, and the random values of its templates.
    var random: SplitMix64
    var connection: Connection?
    /// The HTTP/2 stream of the request in flight, when the connection is HTTP/2.
    private var streamID: Int32 = 0
    private var isConnecting = false
    /// The step being run, or nil when no iteration is running.
    private(set) var step: Int?
    private var requestIntendedStart = NIODeadline.uptimeNanoseconds(0)
    private(set) var writeTime = NIODeadline.uptimeNanoseconds(0)
    private(set) var isAwaitingResponse = false
    /// Whether the last iteration ended because no connection could be opened (executors then pause the user briefly).
    private(set) var failedToConnect = false
    /// Called on the loop when an iteration ends, however it ended; set by the executor that owns the user.
    var iterationEnded: (VirtualUser, NIODeadline) -> Void = { _, _ in }
    /// Variable slots and render buffers for dynamic steps (empty when the flow has none).
    var state: FlowState

    init(
        slot: Int,
        flow: CompiledFlow,
        recorder: LoopRecorder,
        pool: ConnectionPool,
        eventLoop: any EventLoop,
        seed: UInt64
    ) {
        self.slot = slot
        self.flow = flow
        self.recorder = recorder
        self.pool = pool
        self.eventLoop = eventLoop
        random = SplitMix64(seed: seed)
        state = FlowState(slotCount: flow.hasDynamicSteps ? flow.variableCount : 0)
    }

    var isIdle: Bool { step == nil }

    /// Starts iteration `number` (numbered across the run), whose first request was meant to start at
    /// `intendedStart`.
    func startIteration(number: Int, intendedStart: NIODeadline, now: NIODeadline) {
        step = 0
        failedToConnect = false
        recorder.iterationStarted()
        if flow.hasDynamicSteps { state.begin(iteration: number, data: flow.dataSources, random: &random) }
        send(intendedStart: intendedStart, now: now)
    }

    private func send(intendedStart: NIODeadline, now: NIODeadline) {
        guard let step else { return }
        requestIntendedStart = intendedStart
        if let encoder = flow.requests[step].dynamic, !render(encoder) { return missingValue(at: step) }
        isAwaitingResponse = true
        if let connection, connection.isUsable {
            writeTime = now
            streamID = transmit(step, on: connection)
        } else if !isConnecting {
            connection = nil
            connect()
        }
    }

    private func connect() {
        isConnecting = true
        pool.connection(for: self) { [self] result in
            isConnecting = false
            let now = NIODeadline.now()
            switch result {
            case .success((let connection, let opened)):
                if let opened, let step { record(opened, at: step) }
                guard connection.isUsable else {
                    return failed(.reset, at: now)  // closed by the target before it could be used
                }
                self.connection = connection
                guard isAwaitingResponse, let step else { return }
                writeTime = now
                streamID = transmit(step, on: connection)
            case .failure(let failure):
                guard isAwaitingResponse else { return }
                failedToConnect = true
                switch failure {
                case .error(let kind): failed(kind, at: now)
                case .tls(let reason): failedTLS(reason, at: now)
                }
            }
        }
    }

    private func record(_ opened: OpenedConnection, at step: Int) {
        recorder[step: step].recordConnection(
            opened.wireProtocol,
            connectMicroseconds: opened.connectMicroseconds,
            tlsHandshakeMicroseconds: opened.tlsHandshakeMicroseconds
        )
    }

    /// A complete response arrived for the current step.
    func received(_ response: HTTPResponse, at now: NIODeadline) {
        guard let step, isAwaitingResponse else { return }
        isAwaitingResponse = false
        let request = flow.requests[step]
        recorder[step: step].recordResponse(
            status: response.status,
            responseTimeMicroseconds: Self.microseconds(from: requestIntendedStart, to: now),
            serviceTimeMicroseconds: Self.microseconds(from: writeTime, to: now),
            bytesSent: UInt64(outgoingBytes(step)),
            bytesReceived: UInt64(response.wireBytes)
        )
        let statusPassed = request.plan.accepts(status: response.status)
        if !statusPassed { recorder[step: step].recordCheckFailure() }
        if !response.keepAlive { dropConnection() }
        if let dynamic = request.plan.dynamic, !evaluate(response, of: dynamic, at: step, statusPassed: statusPassed) {
            return endIteration(at: now)
        }
        advance(after: request, now: now)
    }

    /// The current request failed; the iteration ends there.
    func failed(_ kind: ErrorKind, at now: NIODeadline) {
        guard let step, isAwaitingResponse else { return }
        isAwaitingResponse = false
        let measured = kind == .timeout || kind == .reset || kind == .malformedResponse
        recorder[step: step].recordError(
            kind,
            responseTimeMicroseconds: measured ? Self.microseconds(from: requestIntendedStart, to: now) : nil,
            serviceTimeMicroseconds: measured ? Self.microseconds(from: writeTime, to: now) : nil
        )
        dropConnection()
        endIteration(at: now)
    }

    /// The TLS handshake failed (or the server refused it right after): the request fails with the reason, the
    /// iteration ends, and the executor pauses the user briefly as after any failed connect.
    func failedTLS(_ reason: TLSFailureReason, at now: NIODeadline) {
        guard let step, isAwaitingResponse else { return }
        isAwaitingResponse = false
        failedToConnect = true
        recorder[step: step].recordTLSFailure(reason)
        dropConnection()
        endIteration(at: now)
    }

    /// The HTTP/1.1 connection closed; a request waiting on it was reset.
    func connectionClosed(_ closed: HTTP1Connection, at now: NIODeadline) {
        guard case .http1(let current) = connection, closed === current else { return }
        connection = nil
        if isAwaitingResponse { failed(.reset, at: now) }
    }

    /// Gives up on the request in flight and on what carried it (after a timeout, a malformed response, or at the
    /// end of the run): an HTTP/1.1 connection is closed, an HTTP/2 stream reset and the shared connection kept.
    func dropConnection() {
        switch connection {
        case .http1(let connection): connection.abandon()
        case .http2(let connection): connection.cancel(stream: streamID)
        case nil: break
        }
        connection = nil
    }

    /// Abandons whatever is running without recording it (the phase's grace period is over, or the run was stopped).
    func interrupt() {
        isAwaitingResponse = false
        step = nil
        dropConnection()
    }

    private func advance(after request: EncodedRequest, now: NIODeadline) {
        guard let current = step else { return }
        guard current + 1 < flow.requests.count else { return endIteration(at: now) }
        step = current + 1
        guard let think = request.plan.thinkTime else { return send(intendedStart: now, now: now) }
        let pause = think.draw(using: &random)
        let resume = now + .nanoseconds(Int64(pause.inSeconds * 1e9))
        eventLoop.assumeIsolated().scheduleTask(deadline: resume) { [self] in
            guard step == current + 1 else { return }
            send(intendedStart: resume, now: NIODeadline.now())
        }
    }

    func endIteration(at now: NIODeadline) {
        step = nil
        recorder.iterationCompleted()
        iterationEnded(self, now)
    }

    static func microseconds(from start: NIODeadline, to end: NIODeadline) -> UInt64 {
        end > start ? (end.uptimeNanoseconds - start.uptimeNanoseconds) / 1_000 : 0
    }
}
