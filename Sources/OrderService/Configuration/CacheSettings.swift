/// The read-through cache of orders: how long an entry may be served and how many entries are kept.
public struct CacheSettings: Sendable, Equatable {
    /// An entry older than this is read again from the database.
    public var ttl: Duration
    /// Entries kept at most; the least recently used goes first.
    public var maxEntries: Int

    public init(ttl: Duration = .seconds(30), maxEntries: Int = 10_000) {
        self.ttl = ttl
        self.maxEntries = maxEntries
    }

    func problems() -> [String] {
        var problems: [String] = []
        if ttl <= .zero { problems.append("cache.ttlMs: expected a positive number") }
        if maxEntries < 1 { problems.append("cache.maxEntries: expected at least 1, got \(maxEntries)") }
        return problems
    }
}
