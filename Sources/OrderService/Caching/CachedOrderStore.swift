/// An order store whose reads by id go through a cache, and whose every write to an order invalidates it, after
/// the write (committed or not: a failed write leaves the cache only emptier).
struct CachedOrderStore: OrderStore {
    let base: any OrderStore
    let cache: any OrderCaching

    func create(_ draft: OrderDraft, userID: Int64, idempotencyKey: String?, status: OrderStatus) async throws
        -> OrderCreation
    {
        try await base.create(draft, userID: userID, idempotencyKey: idempotencyKey, status: status)
    }

    func find(id: String) async throws -> Order? {
        try await cache.order(id: id) { try await base.findUncached(id: id) }
    }

    func findUncached(id: String) async throws -> Order? {
        try await base.findUncached(id: id)
    }

    func list(userID: Int64?, after cursor: OrderCursor?, limit: Int) async throws -> [Order] {
        try await base.list(userID: userID, after: cursor, limit: limit)
    }

    func cancel(id: String) async throws -> Order? {
        try await invalidating(id) { try await base.cancel(id: id) }
    }

    func transition(id: String, from: [OrderStatus], to status: OrderStatus) async throws -> Bool {
        try await invalidating(id) { try await base.transition(id: id, from: from, to: status) }
    }

    func compensate(id: String) async throws -> Order? {
        try await invalidating(id) { try await base.compensate(id: id) }
    }

    func unfinished() async throws -> [Order] {
        try await base.unfinished()
    }

    func stock(of productID: String) async throws -> Int? {
        try await base.stock(of: productID)
    }

    func claimAbandoned(owner: String, lease: Duration, limit: Int) async throws -> [Order] {
        try await base.claimAbandoned(owner: owner, lease: lease, limit: limit)
    }

    func renewLease(id: String, owner: String, lease: Duration) async throws {
        try await base.renewLease(id: id, owner: owner, lease: lease)
    }

    private func invalidating<T>(_ id: String, _ write: () async throws -> T) async throws -> T {
        do {
            let result = try await write()
            await cache.invalidate(id: id)
            return result
        } catch {
            await cache.invalidate(id: id)
            throw error
        }
    }
}
