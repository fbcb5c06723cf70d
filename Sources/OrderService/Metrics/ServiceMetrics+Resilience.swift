import CoreMetrics

/// Metrics of the rate limits, the order cache, the feature flags and the fault switches.
extension ServiceMetrics {
    /// Counts a request answered 429, by the bucket that refused it (`ip-read`, `user-write`, ...).
    func recordRateLimited(resource: String) {
        CoreMetrics.Counter(label: "rate_limited_total", dimensions: [("resource", resource)], factory: factory)
            .increment()
    }

    /// Shows how many token buckets the limiters hold (bounded by `rateLimit.maxClients` per limiter).
    func recordRateLimitBuckets(_ count: Int, scope: String) {
        CoreMetrics.Gauge(label: "rate_limit_buckets", dimensions: [("scope", scope)], factory: factory)
            .record(count)
    }

    /// Counts an order read served from the cache (`hit`) or from the database (`miss`).
    func recordCacheLookup(hit: Bool) {
        CoreMetrics.Counter(label: hit ? "order_cache_hits_total" : "order_cache_misses_total", factory: factory)
            .increment()
    }

    /// Shows how many orders the cache holds.
    func recordCacheEntries(_ count: Int) {
        CoreMetrics.Gauge(label: "order_cache_entries", factory: factory).record(count)
    }

    /// Shows every feature flag as 1 (on) or 0 (off).
    func recordFeatureFlags(_ flags: FeatureFlags) {
        for (name, enabled) in flags.named {
            CoreMetrics.Gauge(label: "feature_enabled", dimensions: [("feature", name)], factory: factory)
                .record(enabled ? 1 : 0)
        }
    }

    /// Counts a fault a request's fault-switch headers injected, by step and kind (`delay`, `error`).
    func recordInjectedFault(step: String, kind: String) {
        CoreMetrics.Counter(
            label: "injected_faults_total",
            dimensions: [("step", step), ("kind", kind)],
            factory: factory
        ).increment()
    }
}

extension ServiceMetrics {
    /// Counts a Redis call that failed and was bypassed (`rate-limit`: allowed; `cache`: read from the database).
    func recordRedisUnavailable(use: String) {
        CoreMetrics.Counter(label: "redis_unavailable_total", dimensions: [("use", use)], factory: factory)
            .increment()
    }
}
