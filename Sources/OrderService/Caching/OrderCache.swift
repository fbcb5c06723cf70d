import Synchronization

/// The read-through cache of orders by id: entries expire after a TTL, the least recently used go first when
/// full, and every write to an order invalidates it.
///
/// A read that started before a write must not put the old order back after the write invalidated it: each
/// invalidation bumps a generation, and a read stores its result only if no invalidation happened meanwhile.
final class OrderCache: Sendable {
    private struct Entry {
        let order: Order
        let storedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: LRUCache<String, Entry>
        var generation: UInt64 = 0
    }

    let settings: CacheSettings
    private let state: Mutex<State>
    private let flags: FeatureFlagStore
    private let metrics: ServiceMetrics

    init(_ settings: CacheSettings, flags: FeatureFlagStore, metrics: ServiceMetrics) {
        self.settings = settings
        self.flags = flags
        self.metrics = metrics
        state = Mutex(State(entries: LRUCache(capacity: settings.maxEntries)))
    }

    /// The order from the cache if fresh, else from `load` (stored for next time); `load` alone when the cache
    /// feature is off.
    func order(id: String, now: ContinuousClock.Instant = .now, load: () async throws -> Order?) async throws
        -> Order?
    {
        guard flags.current.cache else { return try await load() }
        let (cached, generation) = state.withLock { state -> (Order?, UInt64) in
            guard let entry = state.entries.value(for: id) else { return (nil, state.generation) }
            guard now - entry.storedAt < settings.ttl else {
                state.entries.removeValue(for: id)
                return (nil, state.generation)
            }
            return (entry.order, state.generation)
        }
        metrics.recordCacheLookup(hit: cached != nil)
        if let cached { return cached }
        guard let loaded = try await load() else { return nil }
        state.withLock { state in
            guard state.generation == generation else { return }
            state.entries.set(Entry(order: loaded, storedAt: now), for: id)
        }
        return loaded
    }

    /// Forgets the order `id`; called after every committed write to it.
    func invalidate(id: String) {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeValue(for: id)
        }
    }

    /// Forgets everything (the cache feature was switched off).
    func removeAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll()
        }
    }

    /// How many orders are held.
    var count: Int {
        state.withLock { $0.entries.count }
    }
}
