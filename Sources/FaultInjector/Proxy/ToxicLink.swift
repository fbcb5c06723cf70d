import Basics
import NIOCore

/// One direction of one proxied connection: the chain of toxics its bytes pass through, and the queue that
/// performs their emissions on time and in order.
///
/// ```
///   source socket ─read─▶ stage 0 ─▶ stage 1 ─▶ … ─▶ FIFO queue ─(timer, at instant)─▶ destination socket
///                          (toxic,     (toxic,          ▲
///                           active?)    active?)        └─ bytes queued count against `bufferLimit`: over it,
///                                                          the source stops reading (back-pressure)
/// ```
///
/// With no toxic and an empty queue a chunk goes straight to the destination: no clock read, no allocation.
/// Toxics only decide; the link owns the timers, so replacing the chain mid-connection is just swapping `stages`
/// (emissions already queued still go out, toxics already running keep their state and their toxicity draw).
/// Every method runs on the connection's event loop.
final class ToxicLink {
    /// A toxic installed on this connection, with its per-connection state.
    struct Stage {
        var name: String
        var revision: UInt64
        var toxic: any Toxic
        var active: Bool
        /// Inputs are clamped to be monotonic, so a jittered stage never reorders the stages after it.
        var lastInstant: ContinuousClock.Instant?
        var timers: [Scheduled<Void>] = []
        var started = false
    }

    let eventLoop: any EventLoop
    unowned let output: any LinkOutput
    var random: SplitMix64
    var stages: [Stage] = []
    private var queue = CircularBuffer<Emission>()
    private var queuedBytes = 0
    private var timer: Scheduled<Void>?
    /// Bytes the queue may hold before the source stops reading.
    let bufferLimit: Int

    init(eventLoop: any EventLoop, output: any LinkOutput, seed: UInt64, bufferLimit: Int = 1 << 20) {
        self.eventLoop = eventLoop
        self.output = output
        self.random = SplitMix64(seed: seed)
        self.bufferLimit = bufferLimit
    }

    /// Whether the source may read more now.
    var hasCapacity: Bool { queuedBytes < bufferLimit }

    /// Whether a chunk read now would go straight to the destination: no toxic installed and nothing queued.
    var isPassThrough: Bool { stages.isEmpty && queue.isEmpty }

    /// Bytes read from the source.
    func receive(_ bytes: ByteBuffer) {
        if isPassThrough {
            output.write(bytes)
            return
        }
        feed(.deliver(bytes, at: .now), into: 0)
    }

    /// An emission made upstream of the chain (by the HTTP layer): bytes due at an instant, an end, a close or a
    /// reset; it passes through the toxics and then waits in the queue behind everything before it.
    func receive(_ emission: Emission) {
        feed(emission, into: 0)
    }

    /// The source sent its FIN.
    func receiveEnd() {
        feed(.end(at: .now), into: 0)
    }

    /// Cancels every timer; the connection is going away.
    func stop() {
        timer?.cancel()
        timer = nil
        for stage in stages { stage.timers.forEach { $0.cancel() } }
        stages = []
        queue.removeAll()
        queuedBytes = 0
    }

    /// Passes an emission to stage `index`, or to the queue after the last stage.
    private func feed(_ emission: Emission, into index: Int) {
        guard index < stages.count else { return enqueue(emission) }
        switch emission {
        case .deliver(let bytes, let at):
            let instant = clamp(at, stage: index)
            guard stages[index].active else { return feed(.deliver(bytes, at: instant), into: index + 1) }
            let chunk = Chunk(bytes: bytes, instant: instant)
            for next in stages[index].toxic.pipe(chunk, random: &random) { feed(next, into: index + 1) }
        case .end(let at):
            let instant = clamp(at, stage: index)
            guard stages[index].active else { return feed(.end(at: instant), into: index + 1) }
            for next in stages[index].toxic.end(at: instant) { feed(next, into: index + 1) }
        case .close, .reset:
            enqueue(emission)
        }
    }

    private func clamp(_ instant: ContinuousClock.Instant, stage index: Int) -> ContinuousClock.Instant {
        let clamped = max(instant, stages[index].lastInstant ?? instant)
        stages[index].lastInstant = clamped
        return clamped
    }
}

extension ToxicLink {
    /// Queues an emission behind the earlier ones; performs it at once when nothing waits and it is due.
    fileprivate func enqueue(_ emission: Emission) {
        if queue.isEmpty && emission.instant <= .now {
            perform(emission)
            return
        }
        if case .deliver(let bytes, _) = emission { queuedBytes += bytes.readableBytes }
        queue.append(emission)
        if timer == nil { schedule() }
    }

    /// Performs every due emission, flushes, and waits for the next one.
    fileprivate func drain() {
        timer = nil
        let now = ContinuousClock.now
        var performed = false
        while let head = queue.first, head.instant <= now {
            queue.removeFirst()
            if case .deliver(let bytes, _) = head { queuedBytes -= bytes.readableBytes }
            perform(head)
            performed = true
        }
        if performed { output.flush() }
        if !queue.isEmpty { schedule() }
        if hasCapacity { output.linkHasCapacity() }
    }

    private func schedule() {
        guard let head = queue.first else { return }
        let wait = head.instant - .now
        timer = eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(max(0, wait.nanosecondsClamped))) { [self] in
            drain()
        }
    }

    func perform(_ emission: Emission) {
        switch emission {
        case .deliver(let bytes, _): output.write(bytes)
        case .end: output.endStream()
        case .close: output.closeConnection()
        case .reset: output.resetConnection()
        }
    }
}
