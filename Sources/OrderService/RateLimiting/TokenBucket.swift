import Basics

/// A token bucket: holds up to `burst` tokens, refills `perSecond` of them a second, and each request takes one.
struct TokenBucket: Sendable {
    let rule: RateLimitRule
    private(set) var tokens: Double
    private(set) var lastRefill: ContinuousClock.Instant

    /// A full bucket, as a client that has been quiet would find it.
    init(rule: RateLimitRule, now: ContinuousClock.Instant) {
        self.rule = rule
        tokens = Double(rule.burst)
        lastRefill = now
    }

    /// Takes one token if there is one, and says what the client may do next.
    mutating func take(now: ContinuousClock.Instant) -> RateLimitDecision {
        refill(now: now)
        let allowed = tokens >= 1
        if allowed { tokens -= 1 }
        return RateLimitDecision(
            allowed: allowed,
            limit: rule.burst,
            remaining: Int(tokens.rounded(.down)),
            secondsUntilFull: (Double(rule.burst) - tokens) / rule.perSecond,
            secondsUntilNextToken: allowed ? 0 : (1 - tokens) / rule.perSecond
        )
    }

    /// Whether the bucket would be full at `now`: then dropping it loses nothing, a new one would be the same.
    func isFull(at now: ContinuousClock.Instant) -> Bool {
        tokens + (now - lastRefill).inSeconds * rule.perSecond >= Double(rule.burst)
    }

    private mutating func refill(now: ContinuousClock.Instant) {
        guard now > lastRefill else { return }
        tokens = min(Double(rule.burst), tokens + (now - lastRefill).inSeconds * rule.perSecond)
        lastRefill = now
    }
}

/// The answer of a rate limiter for one request, with what the `X-RateLimit-*` headers report.
struct RateLimitDecision: Sendable, Equatable {
    /// Whether the request may go on; false is answered 429.
    var allowed: Bool
    /// The bucket size (`X-RateLimit-Limit`).
    var limit: Int
    /// Whole tokens left after this request (`X-RateLimit-Remaining`).
    var remaining: Int
    /// When the bucket will be full again, from now (`X-RateLimit-Reset`, sent as epoch seconds).
    var secondsUntilFull: Double
    /// When the next request would be allowed, from now (`Retry-After` on a 429); 0 when allowed.
    var secondsUntilNextToken: Double
    /// Which bucket decided: `ip-read`, `user-write`, ... (`X-RateLimit-Resource`).
    var resource = ""
}
