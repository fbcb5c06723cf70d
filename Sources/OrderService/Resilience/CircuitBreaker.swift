import Synchronization

/// The state of a circuit breaker; the raw value is what the `payments_circuit_state` gauge shows.
public enum CircuitState: Int, Sendable, Equatable {
    case closed = 0
    case open = 1
    case halfOpen = 2
}

/// When a circuit breaker opens and how long it stays open before letting one trial call through.
public struct CircuitBreakerSettings: Sendable, Equatable {
    /// Consecutive failures that open the circuit.
    public var failureThreshold: Int
    /// How long the circuit stays open before a trial call is let through (half-open).
    public var resetTimeout: Duration

    public init(failureThreshold: Int = 5, resetTimeout: Duration = .seconds(5)) {
        self.failureThreshold = failureThreshold
        self.resetTimeout = resetTimeout
    }
}

/// A circuit breaker (closed → open → half-open → closed) guarding calls to a dependency, so that a dependency
/// that is down costs callers nothing instead of a timeout each.
///
///     closed ──failures ≥ threshold──▶ open ──reset timeout──▶ half-open ──trial succeeds──▶ closed
///                                       ▲                          │
///                                       └──────trial fails─────────┘
final class CircuitBreaker: Sendable {
    private struct State {
        var circuit = CircuitState.closed
        var consecutiveFailures = 0
        var openedAt = ContinuousClock.now
        var trialInFlight = false
    }

    let settings: CircuitBreakerSettings
    private let state = Mutex(State())
    private let onChange: @Sendable (CircuitState) -> Void

    /// - Parameter onChange: told every new state (outside the lock's critical path for the caller: it is cheap).
    init(_ settings: CircuitBreakerSettings, onChange: @escaping @Sendable (CircuitState) -> Void = { _ in }) {
        self.settings = settings
        self.onChange = onChange
        onChange(.closed)
    }

    /// The state now.
    var current: CircuitState {
        state.withLock { $0.circuit }
    }

    /// Whether a call may go out now; in half-open only one trial call at a time is let through.
    func permit(now: ContinuousClock.Instant = .now) -> Bool {
        let (allowed, changed) = state.withLock { state -> (Bool, CircuitState?) in
            switch state.circuit {
            case .closed:
                return (true, nil)
            case .open:
                guard now - state.openedAt >= settings.resetTimeout else { return (false, nil) }
                state.circuit = .halfOpen
                state.trialInFlight = true
                return (true, .halfOpen)
            case .halfOpen:
                if state.trialInFlight { return (false, nil) }
                state.trialInFlight = true
                return (true, nil)
            }
        }
        if let changed { onChange(changed) }
        return allowed
    }

    /// A call succeeded: the circuit closes and the failure count starts again.
    func recordSuccess() {
        let changed = state.withLock { state -> Bool in
            let wasClosed = state.circuit == .closed
            state = State()
            return !wasClosed
        }
        if changed { onChange(.closed) }
    }

    /// A call failed: a failed trial, or one failure too many, opens the circuit.
    func recordFailure(now: ContinuousClock.Instant = .now) {
        let opened = state.withLock { state -> Bool in
            state.consecutiveFailures += 1
            state.trialInFlight = false
            let opens = state.circuit == .halfOpen || state.consecutiveFailures >= settings.failureThreshold
            guard opens else { return false }
            let wasOpen = state.circuit == .open
            state.circuit = .open
            state.openedAt = now
            return !wasOpen
        }
        if opened { onChange(.open) }
    }
}
