/// Stores accounts; a PostgreSQL implementation can replace the SQLite one without touching handlers.
protocol UserRepository: Sendable {
    /// Creates a user; throws `RepositoryError.duplicateUsername` when the name is taken.
    func create(username: String, passwordHash: String, role: Role) async throws -> User
    func find(username: String) async throws -> User?
    func find(id: Int64) async throws -> User?
    /// Changes a user's role; returns nil when there is no such user.
    func setRole(_ role: Role, ofUser id: Int64) async throws -> User?
}

/// Stores orders and answers the queries the order routes need.
protocol OrderRepository: Sendable {
    /// Prices and stores an order; with an idempotency key, a repeat of the same request returns the first order.
    /// Stock is reserved in the same transaction; `status` is `created`, or `pending` when a saga follows.
    func create(_ draft: OrderDraft, userID: Int64, idempotencyKey: String?, status: OrderStatus) async throws
        -> OrderCreation
    func find(id: String) async throws -> Order?
    /// A page of orders, newest first; `userID` nil lists every user's orders.
    func list(userID: Int64?, after cursor: OrderCursor?, limit: Int) async throws -> [Order]
    /// Moves a created order to cancelled; returns the order as it now stands, nil when there is none.
    func cancel(id: String) async throws -> Order?
}

/// Stores hashed integration keys.
protocol APIKeyRepository: Sendable {
    func create(id: String, name: String, keyHash: String) async throws -> APIKeyRecord
    /// The key with this hash, if it exists and is not revoked.
    func findActive(keyHash: String) async throws -> APIKeyRecord?
    /// Revokes a key; returns false when there is no such key.
    func revoke(id: String) async throws -> Bool
}

/// Failures a repository reports in the service's own terms.
enum RepositoryError: Error, Equatable {
    case duplicateUsername
    case unknownProduct(String)
    case idempotencyKeyReused
    case notCancellable(OrderStatus)
    case outOfStock(String)
}
