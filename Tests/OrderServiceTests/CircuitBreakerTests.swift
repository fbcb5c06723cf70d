import Synchronization
import Testing

@testable import OrderService

@Suite struct CircuitBreakerTests {
    @Test func opensAfterTheThresholdHalfOpensAfterTheTimeoutAndClosesOnASuccessfulTrial() {
        let seen = Mutex<[CircuitState]>([])
        let breaker = CircuitBreaker(.init(failureThreshold: 3, resetTimeout: .seconds(10))) { state in
            seen.withLock { $0.append(state) }
        }
        let start = ContinuousClock.now
        for _ in 0..<2 { breaker.recordFailure(now: start) }
        #expect(breaker.current == .closed && breaker.permit(now: start))
        breaker.recordFailure(now: start)
        #expect(breaker.current == .open)
        #expect(!breaker.permit(now: start + .seconds(9)))
        #expect(breaker.permit(now: start + .seconds(10)))
        #expect(breaker.current == .halfOpen)
        #expect(!breaker.permit(now: start + .seconds(10)), "one trial at a time")
        breaker.recordSuccess()
        #expect(breaker.current == .closed)
        #expect(seen.withLock { $0 } == [.closed, .open, .halfOpen, .closed])
    }

    @Test func aFailedTrialReopensForAnotherFullTimeout() {
        let breaker = CircuitBreaker(.init(failureThreshold: 1, resetTimeout: .seconds(5)))
        let start = ContinuousClock.now
        breaker.recordFailure(now: start)
        #expect(breaker.permit(now: start + .seconds(5)))
        breaker.recordFailure(now: start + .seconds(5))
        #expect(breaker.current == .open)
        #expect(!breaker.permit(now: start + .seconds(9)))
        #expect(breaker.permit(now: start + .seconds(10)))
    }

    @Test func aSuccessResetsTheConsecutiveFailureCount() {
        let breaker = CircuitBreaker(.init(failureThreshold: 2, resetTimeout: .seconds(5)))
        breaker.recordFailure()
        breaker.recordSuccess()
        breaker.recordFailure()
        #expect(breaker.current == .closed)
    }

    @Test(arguments: [(2, 0.5, 25), (3, 0.5, 50), (4, 1.0, 200), (12, 1.0, 1000), (2, 0.0, 0)])
    func backoffIsJitteredExponentialAndCapped(attempt: Int, unit: Double, expectedMillis: Int) {
        let policy = RetryPolicy(baseDelay: .milliseconds(50), maxDelay: .seconds(1))
        #expect(policy.delay(beforeAttempt: attempt, unit: unit) == .milliseconds(expectedMillis))
    }
}
