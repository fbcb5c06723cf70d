import Synchronization

/// Who a bucket belongs to: a peer address, or an authenticated user.
enum RateLimitClient: Hashable, Sendable {
    case ip(String)
    case user(Int64)
}

/// Whether a request reads (GET, HEAD) or writes; each has its own bucket and rule.
enum RequestKind: Hashable, Sendable {
    case read
    case write
}

/// Token buckets for many clients, bounded in number: a bucket idle past the idle timeout, or already full
/// again, is dropped (a new one would be identical); when every bucket is busy and the table is full, the least
/// recently used are dropped, which gives those clients a fresh burst rather than growing without bound.
final class RateLimiter: Sendable {
    private struct Key: Hashable {
        let client: RateLimitClient
        let kind: RequestKind
    }

    private struct Table {
        var buckets: [Key: TokenBucket] = [:]
        var lastSweep: ContinuousClock.Instant
    }

    let rules: RateLimitRules
    let maxClients: Int
    let idleTimeout: Duration
    private let table: Mutex<Table>

    init(rules: RateLimitRules, maxClients: Int, idleTimeout: Duration, now: ContinuousClock.Instant = .now) {
        self.rules = rules
        self.maxClients = maxClients
        self.idleTimeout = idleTimeout
        table = Mutex(Table(lastSweep: now))
    }

    /// Takes a token from the client's bucket for this kind of request.
    func take(_ client: RateLimitClient, _ kind: RequestKind, now: ContinuousClock.Instant = .now)
        -> RateLimitDecision
    {
        let key = Key(client: client, kind: kind)
        let rule = kind == .read ? rules.read : rules.write
        return table.withLock { table in
            if table.buckets.count >= maxClients || now - table.lastSweep >= idleTimeout {
                Self.sweep(&table, now: now, idleTimeout: idleTimeout, keep: maxClients - 1)
            }
            var bucket = table.buckets[key] ?? TokenBucket(rule: rule, now: now)
            let decision = bucket.take(now: now)
            table.buckets[key] = bucket
            return decision
        }
    }

    /// How many buckets are held now.
    var bucketCount: Int {
        table.withLock { $0.buckets.count }
    }

    /// Drops idle and full buckets; if more than `keep` remain, drops the least recently used down to 90 % of
    /// `keep`, so that a table of busy clients is not swept again on the very next request.
    private static func sweep(_ table: inout Table, now: ContinuousClock.Instant, idleTimeout: Duration, keep: Int) {
        table.lastSweep = now
        table.buckets = table.buckets.filter { _, bucket in
            now - bucket.lastRefill < idleTimeout && !bucket.isFull(at: now)
        }
        guard table.buckets.count > keep else { return }
        let target = max(keep * 9 / 10, 0)
        let oldestFirst = table.buckets.sorted { $0.value.lastRefill < $1.value.lastRefill }
        for (key, _) in oldestFirst.prefix(table.buckets.count - target) {
            table.buckets[key] = nil
        }
    }
}
