/// Switches that change the service's behaviour while it runs: read from the configuration at start, and read
/// again on SIGHUP or when the configuration file changes (see `FeatureFlagReloader`).
public struct FeatureFlags: Sendable, Equatable {
    /// Charge orders through the payments gateway (when `payments.url` is set); off accepts orders unpaid.
    public var payments: Bool
    /// Serve order reads from the read-through cache; off reads the database every time.
    public var cache: Bool
    /// Apply the per-IP and per-user rate limits.
    public var rateLimits: Bool
    /// Honour the `X-Delay-*` and `X-Error-*` fault-switch headers; refused in production mode.
    public var faultSwitches: Bool

    public init(payments: Bool = true, cache: Bool = true, rateLimits: Bool = true, faultSwitches: Bool = false) {
        self.payments = payments
        self.cache = cache
        self.rateLimits = rateLimits
        self.faultSwitches = faultSwitches
    }

    /// Every flag by its configuration name, for logs and the `feature_enabled` gauge.
    var named: [(name: String, enabled: Bool)] {
        [("payments", payments), ("cache", cache), ("rateLimits", rateLimits), ("faultSwitches", faultSwitches)]
    }

    func problems(mode: ServiceMode) -> [String] {
        guard faultSwitches, mode == .production else { return [] }
        return ["features.faultSwitches: fault-switch headers are refused in production mode"]
    }
}
