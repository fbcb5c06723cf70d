import GRDB
import Logging

/// The service's persistence on one engine: SQLite in this process (the default), or PostgreSQL shared by several
/// instances when `database.url` is set. Everything above it sees only the repository protocols.
struct Store: Sendable {
    let users: any UserRepository
    private(set) var orders: any OrderStore
    let keys: any APIKeyRepository
    let products: any ProductRepository
    let health: any DatabaseHealth
    let integrity: any IntegrityRepository
    /// Which engine and where, for logs and messages (never a password).
    let location: String
    /// Whether several instances may share this store (PostgreSQL), rather than one process owning it (SQLite).
    let isShared: Bool
    private let closeEngine: @Sendable () async -> Void

    /// Opens (creating and migrating if needed) the configured database.
    static func open(_ configuration: OrderServiceConfiguration, logger: Logger) async throws -> Store {
        if let url = configuration.databaseURL {
            guard let endpoint = PostgresEndpoint(url: url) else {
                throw DatabaseUnavailable("database.url: expected postgres://user@host:port/database, got '\(url)'")
            }
            let database = try await PostgresDatabase.open(
                endpoint,
                poolSize: configuration.databasePoolSize,
                logger: logger
            )
            return Store(postgres: database)
        }
        return Store(sqlite: try DatabaseConnection.open(path: configuration.databasePath))
    }

    init(sqlite database: any DatabaseWriter) {
        users = SQLiteUserRepository(database: database)
        orders = SQLiteOrderRepository(database: database)
        keys = SQLiteAPIKeyRepository(database: database)
        products = SQLiteProductRepository(database: database)
        health = SQLiteDatabaseHealth(database: database)
        integrity = SQLiteIntegrityRepository(database: database)
        location = "sqlite:\(database.path)"
        isShared = false
        closeEngine = {}
    }

    init(postgres database: PostgresDatabase) {
        users = PostgresUserRepository(database: database)
        orders = PostgresOrderRepository(database: database)
        keys = PostgresAPIKeyRepository(database: database)
        let catalogue = PostgresProductRepository(database: database)
        products = catalogue
        health = catalogue
        integrity = PostgresIntegrityRepository(database: database)
        location = "postgres://\(database.endpoint.description)"
        isShared = true
        closeEngine = { await database.close() }
    }

    /// The same store with its orders read through `cache`.
    func caching(orders cache: any OrderCaching) -> Store {
        var store = self
        store.orders = CachedOrderStore(base: orders, cache: cache)
        return store
    }

    /// Closes the engine's connections (PostgreSQL's pool); SQLite closes with the process.
    func close() async {
        await closeEngine()
    }
}
