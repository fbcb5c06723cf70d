import PostgresNIO

/// The versioned schema on PostgreSQL: the same tables, indexes and seed as the SQLite `Migrations`, applied once
/// each, in order. Instances starting together take an advisory lock, so exactly one of them migrates.
enum PostgresMigrations {
    /// Each migration: a name (recorded in `schema_migrations`) and its statements, run in one transaction.
    static let all: [(name: String, statements: [PostgresQuery])] = [
        (
            "v1-users",
            [
                """
                CREATE TABLE users (
                    id BIGSERIAL PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
                    role TEXT NOT NULL DEFAULT 'user', created_at BIGINT NOT NULL)
                """
            ]
        ),
        (
            "v1-products",
            [
                """
                CREATE TABLE products (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents BIGINT NOT NULL, stock BIGINT NOT NULL)
                """
            ]
        ),
        (
            "v1-orders",
            [
                """
                CREATE TABLE orders (
                    id TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users, status TEXT NOT NULL,
                    total_cents BIGINT NOT NULL, created_at BIGINT NOT NULL, idempotency_key TEXT,
                    request_fingerprint TEXT)
                """,
                "CREATE INDEX orders_by_user_and_time ON orders (user_id, created_at, id)",
                // Idempotency across instances: a second insert of the same user and key fails here, whichever
                // instance sends it.
                """
                CREATE UNIQUE INDEX orders_by_idempotency_key ON orders (user_id, idempotency_key)
                WHERE idempotency_key IS NOT NULL
                """,
                "CREATE INDEX orders_by_time ON orders (created_at, id)",
                """
                CREATE TABLE order_items (
                    order_id TEXT NOT NULL REFERENCES orders ON DELETE CASCADE, position BIGINT NOT NULL,
                    product_id TEXT NOT NULL REFERENCES products, quantity BIGINT NOT NULL,
                    unit_price_cents BIGINT NOT NULL, PRIMARY KEY (order_id, position))
                """,
            ]
        ),
        (
            "v1-api-keys",
            [
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                    created_at BIGINT NOT NULL, revoked_at BIGINT)
                """
            ]
        ),
        (
            // Which instance runs an order's saga, and until when (ms since 1970); see OrderStore.claimAbandoned.
            "v2-saga-leases",
            [
                "ALTER TABLE orders ADD COLUMN lease_owner TEXT",
                "ALTER TABLE orders ADD COLUMN lease_until BIGINT",
            ]
        ),
    ]

    /// Applies every migration not yet recorded, then seeds the catalogue if `v1-products` was among them.
    static func migrate(_ database: PostgresDatabase) async throws {
        try await database.transaction { connection in
            let logger = database.logger
            // Any fixed number: the lock is held until this transaction ends.
            try await connection.query("SELECT pg_advisory_xact_lock(16016)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)",
                logger: logger
            )
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: logger)
                .decode(String.self)
            {
                applied.insert(name)
            }
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements { try await connection.query(statement, logger: logger) }
                if migration.name == "v1-products" { try await seedProducts(connection, logger: logger) }
                try await connection.query(
                    "INSERT INTO schema_migrations (name) VALUES (\(migration.name))",
                    logger: logger
                )
            }
        }
    }

    /// True when every known migration has been applied.
    static func areComplete(_ database: PostgresDatabase) async throws -> Bool {
        let rows = try await database.rows("SELECT name FROM schema_migrations")
        let applied = Set(try rows.map { try $0.decode(String.self) })
        return all.allSatisfy { applied.contains($0.name) }
    }

    private static func seedProducts(_ connection: PostgresConnection, logger: Logger) async throws {
        for number in 1...ProductCatalogue.productCount {
            let id = "p-\(number)"
            let name = "Product \(number)"
            let price = ProductCatalogue.priceCents(ofProduct: number)
            let stock = ProductCatalogue.initialStock
            try await connection.query(
                "INSERT INTO products (id, name, price_cents, stock) VALUES (\(id), \(name), \(price), \(stock))",
                logger: logger
            )
        }
    }
}
