/// The orders a saga moves along: state transitions, compensation and recovery on top of the order routes' needs.
/// Both engines implement it; the saga and the recovery never know which one they talk to.
protocol OrderStore: OrderRepository {
    /// The order as the database holds it now, bypassing any cache.
    func findUncached(id: String) async throws -> Order?
    /// Moves the order to `status` if it is in one of `from`; false when it was not (another run moved it).
    func transition(id: String, from: [OrderStatus], to status: OrderStatus) async throws -> Bool
    /// Ends a failed saga: releases the order's stock and marks it failed, once, in one transaction.
    func compensate(id: String) async throws -> Order?
    /// Every order whose saga has not finished, oldest first.
    func unfinished() async throws -> [Order]
    /// The stock of one product now (tests and the integrity check).
    func stock(of productID: String) async throws -> Int?
    /// Takes over at most `limit` unfinished sagas whose lease ran out (the instance running them died), oldest
    /// first: each is leased to `owner` for `lease` and handed to one caller only, however many instances ask at
    /// once. A saga's lease starts when its order is created and is renewed before each step, so the sagas of a
    /// live instance are never taken.
    func claimAbandoned(owner: String, lease: Duration, limit: Int) async throws -> [Order]
    /// Renews the saga lease of order `id` for `owner`, from now.
    func renewLease(id: String, owner: String, lease: Duration) async throws
}

/// The product catalogue, read-only: stock moves only with orders.
protocol ProductRepository: Sendable {
    /// Every product, in catalogue order (p-1, p-2, ...).
    func all() async throws -> [Product]
}

/// Whether the database answers and its schema is complete (`/ready`).
protocol DatabaseHealth: Sendable {
    func isReady() async -> Bool
}
