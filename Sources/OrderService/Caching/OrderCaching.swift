/// A cache of orders by id, in this process or shared (Redis): read-through, invalidated after committed writes.
protocol OrderCaching: Sendable {
    /// The order from the cache if fresh, else from `load` (stored for next time).
    func order(id: String, load: () async throws -> Order?) async throws -> Order?
    /// Forgets the order `id`; called after every committed write to it.
    func invalidate(id: String) async
}

extension OrderCache: OrderCaching {
    func order(id: String, load: () async throws -> Order?) async throws -> Order? {
        try await order(id: id, now: .now, load: load)
    }
}
