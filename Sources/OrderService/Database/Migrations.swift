import GRDB

/// The versioned schema; each migration runs once, in order, at start-up.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-users", migrate: createUsers)
        migrator.registerMigration("v1-products", migrate: createProducts)
        migrator.registerMigration("v1-orders", migrate: createOrders)
        migrator.registerMigration("v1-api-keys", migrate: createAPIKeys)
        migrator.registerMigration("v2-saga-leases", migrate: addSagaLeases)
        return migrator
    }

    /// True when every known migration has been applied to `database`.
    static func areComplete(_ database: Database) throws -> Bool {
        try migrator.hasCompletedMigrations(database)
    }

    private static func createUsers(_ db: Database) throws {
        try db.create(table: "users") { table in
            table.autoIncrementedPrimaryKey("id")
            table.column("username", .text).notNull().unique()
            table.column("password_hash", .text).notNull()
            table.column("role", .text).notNull().defaults(to: "user")
            table.column("created_at", .integer).notNull()
        }
    }

    private static func createProducts(_ db: Database) throws {
        try db.create(table: "products") { table in
            table.primaryKey("id", .text)
            table.column("name", .text).notNull()
            table.column("price_cents", .integer).notNull()
            table.column("stock", .integer).notNull()
        }
        try ProductCatalogue.seed(db)
    }

    private static func createOrders(_ db: Database) throws {
        try db.create(table: "orders") { table in
            table.primaryKey("id", .text)
            table.column("user_id", .integer).notNull().references("users")
            // The order state; part 2's saga adds states (pending, confirmed, compensated) in this column.
            table.column("status", .text).notNull()
            table.column("total_cents", .integer).notNull()
            table.column("created_at", .integer).notNull()
            table.column("idempotency_key", .text)
            table.column("request_fingerprint", .text)
        }
        // "My orders, newest first" and keyset paging both walk this index.
        try db.create(index: "orders_by_user_and_time", on: "orders", columns: ["user_id", "created_at", "id"])
        try db.create(
            index: "orders_by_idempotency_key",
            on: "orders",
            columns: ["user_id", "idempotency_key"],
            options: .unique,
            condition: Column("idempotency_key") != nil
        )
        try db.create(index: "orders_by_time", on: "orders", columns: ["created_at", "id"])
        try db.create(table: "order_items") { table in
            table.column("order_id", .text).notNull().references("orders", onDelete: .cascade)
            table.column("position", .integer).notNull()
            table.column("product_id", .text).notNull().references("products")
            table.column("quantity", .integer).notNull()
            table.column("unit_price_cents", .integer).notNull()
            table.primaryKey(["order_id", "position"])
        }
    }

    /// Which instance runs an order's saga, and until when (ms since 1970); see `OrderStore.claimAbandoned`.
    private static func addSagaLeases(_ db: Database) throws {
        try db.alter(table: "orders") { table in
            table.add(column: "lease_owner", .text)
            table.add(column: "lease_until", .integer)
        }
    }

    private static func createAPIKeys(_ db: Database) throws {
        try db.create(table: "api_keys") { table in
            table.primaryKey("id", .text)
            table.column("name", .text).notNull()
            // Only the SHA-256 of the key is stored; the key itself is shown once, at creation.
            table.column("key_hash", .text).notNull().unique()
            table.column("created_at", .integer).notNull()
            table.column("revoked_at", .integer)
        }
    }
}
