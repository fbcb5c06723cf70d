/// Token buckets kept in Redis, so that every instance takes from the same bucket for a client: a client that
/// alternates between two instances is limited once, not twice. Each decision is one EVALSHA of a Lua script,
/// which Redis runs atomically, on Redis's own clock (instances' clocks may differ).
///
/// When Redis cannot answer, the request is allowed (fail open: a limiter outage must not become an API outage)
/// and counted in `redis_unavailable_total{use="rate-limit"}`.
struct RedisRateLimiter: RateLimiting {
    let redis: RedisClient
    let rules: RateLimitRules
    let scope: String
    let metrics: ServiceMetrics

    /// KEYS[1] the bucket; ARGV burst, tokens per second. Returns {allowed 0|1, tokens left as text}.
    static let script = RedisScript(
        """
        local burst = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or burst
        local at = tonumber(state[2]) or now
        if now > at then
            tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
            at = now
        end
        local allowed = 0
        if tokens >= 1 then
            tokens = tokens - 1
            allowed = 1
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
        redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
        return {allowed, tostring(tokens)}
        """
    )

    func take(_ client: RateLimitClient, _ kind: RequestKind) async -> RateLimitDecision {
        let rule = kind == .read ? rules.read : rules.write
        let key = "ordeal:rate:\(scope)-\(kind == .read ? "read" : "write"):\(client.key)"
        do {
            let reply = try await redis.evaluate(
                Self.script,
                keys: [key],
                arguments: [String(rule.burst), String(rule.perSecond)]
            )
            guard case .array(let values?) = reply, values.count == 2, case .integer(let allowed) = values[0],
                let tokens = values[1].string.flatMap(Double.init)
            else { throw RedisUnavailable("unexpected reply to the rate-limit script: \(reply)") }
            return RateLimitDecision(
                allowed: allowed == 1,
                limit: rule.burst,
                remaining: Int(tokens.rounded(.down)),
                secondsUntilFull: (Double(rule.burst) - tokens) / rule.perSecond,
                secondsUntilNextToken: allowed == 1 ? 0 : (1 - tokens) / rule.perSecond
            )
        } catch {
            metrics.recordRedisUnavailable(use: "rate-limit")
            return RateLimitDecision(
                allowed: true,
                limit: rule.burst,
                remaining: rule.burst,
                secondsUntilFull: 0,
                secondsUntilNextToken: 0
            )
        }
    }
}

extension RateLimitClient {
    /// The client's part of a Redis key.
    var key: String {
        switch self {
        case .ip(let address): "ip:\(address)"
        case .user(let id): "user:\(id)"
        }
    }
}
