/// Decides whether a client may make a request now: token buckets in this process, or shared in Redis.
protocol RateLimiting: Sendable {
    /// Takes a token from the client's bucket for this kind of request.
    func take(_ client: RateLimitClient, _ kind: RequestKind) async -> RateLimitDecision
}

extension RateLimiter: RateLimiting {
    func take(_ client: RateLimitClient, _ kind: RequestKind) async -> RateLimitDecision {
        take(client, kind, now: .now)
    }
}
