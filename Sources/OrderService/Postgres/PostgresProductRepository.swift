import PostgresNIO

/// The product catalogue in PostgreSQL, and the database's readiness.
struct PostgresProductRepository: ProductRepository, DatabaseHealth {
    let database: PostgresDatabase

    func all() async throws -> [Product] {
        try await database.rows(
            "SELECT id, name, price_cents, stock FROM products ORDER BY CAST(substr(id, 3) AS INTEGER)"
        ).map { row in
            let (id, name, price, stock) = try row.decode((String, String, Int, Int).self)
            return Product(id: id, name: name, priceCents: price, stock: stock)
        }
    }

    func isReady() async -> Bool {
        (try? await PostgresMigrations.areComplete(database)) == true
    }
}
