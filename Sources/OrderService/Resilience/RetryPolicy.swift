/// How a failed call is retried: at most `maxAttempts`, waiting a jittered, exponentially growing delay between
/// attempts, and never past `deadline` from the first attempt.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The delay cap before the second attempt; it doubles for each further attempt.
    public var baseDelay: Duration
    /// The largest delay cap, however many attempts came before.
    public var maxDelay: Duration
    /// How long one attempt may take before it counts as failed.
    public var attemptTimeout: Duration
    /// How long all attempts and delays together may take.
    public var deadline: Duration

    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .milliseconds(50),
        maxDelay: Duration = .seconds(1),
        attemptTimeout: Duration = .seconds(1),
        deadline: Duration = .seconds(3)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.attemptTimeout = attemptTimeout
        self.deadline = deadline
    }

    /// The wait before attempt `attempt` (2 for the first retry): "full jitter", a uniform draw in
    /// [0, min(maxDelay, baseDelay × 2^(attempt − 2))], which spreads retries of many callers apart.
    ///
    /// - Parameter unit: a draw in [0, 1); random by default, fixed in tests.
    func delay(beforeAttempt attempt: Int, unit: Double = Double.random(in: 0..<1)) -> Duration {
        let exponent = min(max(attempt - 2, 0), 30)
        let cap = min(maxDelay, baseDelay * (1 << exponent))
        return cap * unit
    }
}
