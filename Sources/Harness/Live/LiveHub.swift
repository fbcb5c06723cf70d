import Synchronization

/// Hands each second of a run to every observer that subscribed, each on its own stream, so a slow observer (a
/// dashboard tab, a pipe) never holds up the generator or the others: its stream keeps the newest seconds only.
///
/// Late subscribers (a dashboard opened mid-run) get the seconds so far first, without their histograms.
public final class LiveHub: Sendable {
    private struct State {
        var subscribers: [Int: AsyncStream<LiveSecond>.Continuation] = [:]
        var next = 0
        var history: [LiveSecond] = []
        var finished = false
    }

    private let state = Mutex(State())
    /// How many seconds one slow subscriber may fall behind before its oldest are dropped.
    private let buffer: Int

    public init(buffer: Int = 600) {
        self.buffer = buffer
    }

    /// A stream of the seconds from now on (after those so far, with `replay`); it ends when the run does.
    public func subscribe(replay: Bool = false) -> AsyncStream<LiveSecond> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: LiveSecond.self,
            bufferingPolicy: .bufferingNewest(buffer)
        )
        let id: Int? = state.withLock { state in
            if replay { for second in state.history { continuation.yield(second) } }
            guard !state.finished else { return nil }
            defer { state.next += 1 }
            state.subscribers[state.next] = continuation
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Sends one second to every subscriber.
    public func publish(_ second: LiveSecond) {
        let subscribers = state.withLock { state in
            var slim = second
            slim.recording = nil
            state.history.append(slim)
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.yield(second) }
    }

    /// The seconds so far, without their histograms.
    public var history: [LiveSecond] { state.withLock { $0.history } }

    /// Ends every stream: the run is over.
    public func finish() {
        let subscribers = state.withLock { state in
            state.finished = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }
}
