/// One token bucket's shape: how many requests per second it refills and how many it holds at most.
public struct RateLimitRule: Sendable, Equatable {
    /// Tokens added per second: the sustained request rate.
    public var perSecond: Double
    /// The bucket's size: the most requests allowed at once after a quiet spell.
    public var burst: Int

    public init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond
        self.burst = burst
    }
}

/// Separate buckets for reads (GET, HEAD) and writes (every other method), since writes cost far more.
public struct RateLimitRules: Sendable, Equatable {
    public var read: RateLimitRule
    public var write: RateLimitRule

    public init(read: RateLimitRule, write: RateLimitRule) {
        self.read = read
        self.write = write
    }
}

/// Token-bucket limits per client IP and per authenticated user, and how many clients' buckets are kept.
///
/// The defaults are production-sane: one client IP gets 50 reads/s (bursts of 100) and 10 writes/s (bursts of 20;
/// logins and registrations are writes), one user the same across all its IPs, so a single client hammering the
/// service meets 429s. Load targets raise them (`ORDERPROCESSING_RATE_LIMIT_IP_READS_PER_SECOND`, ...; see
/// `targets/order-service.yaml`) so that load scenarios measure the service rather than the limiter.
public struct RateLimitSettings: Sendable, Equatable {
    /// Buckets keyed by the peer's IP address, for every `/api/v1` request.
    public var perIP: RateLimitRules
    /// Buckets keyed by the authenticated user, for requests that carry a valid token.
    public var perUser: RateLimitRules
    /// Buckets kept at most; beyond it idle and full buckets go first, then the least recently used.
    public var maxClients: Int
    /// A bucket unused this long is dropped (it would have refilled anyway).
    public var idleTimeout: Duration

    public init(
        perIP: RateLimitRules = RateLimitRules(
            read: RateLimitRule(perSecond: 50, burst: 100),
            write: RateLimitRule(perSecond: 10, burst: 20)
        ),
        perUser: RateLimitRules = RateLimitRules(
            read: RateLimitRule(perSecond: 50, burst: 100),
            write: RateLimitRule(perSecond: 10, burst: 20)
        ),
        maxClients: Int = 10_000,
        idleTimeout: Duration = .seconds(60)
    ) {
        self.perIP = perIP
        self.perUser = perUser
        self.maxClients = maxClients
        self.idleTimeout = idleTimeout
    }

    func problems() -> [String] {
        var problems: [String] = []
        let rules = [
            ("ip.read", perIP.read), ("ip.write", perIP.write), ("user.read", perUser.read),
            ("user.write", perUser.write),
        ]
        for (name, rule) in rules {
            if !(rule.perSecond > 0) || !rule.perSecond.isFinite {
                problems.append("rateLimit.\(name): the rate per second must be a positive number")
            }
            if rule.burst < 1 { problems.append("rateLimit.\(name): the burst must be at least 1, got \(rule.burst)") }
        }
        if maxClients < 1 { problems.append("rateLimit.maxClients: expected at least 1, got \(maxClients)") }
        if idleTimeout <= .zero { problems.append("rateLimit.idleSeconds: expected a positive number") }
        return problems
    }
}

extension RateLimitSettings {
    /// Limits no test or load run reaches, with the limiter still on (its cost stays in every request): what the
    /// shipped load targets set through the environment, and what `OrderServiceConfiguration.testing` uses.
    public static let beyondAnyLoad = RateLimitSettings(
        perIP: RateLimitRules(
            read: RateLimitRule(perSecond: 100_000_000, burst: 100_000_000),
            write: RateLimitRule(perSecond: 100_000_000, burst: 100_000_000)
        ),
        perUser: RateLimitRules(
            read: RateLimitRule(perSecond: 100_000_000, burst: 100_000_000),
            write: RateLimitRule(perSecond: 100_000_000, burst: 100_000_000)
        )
    )
}
