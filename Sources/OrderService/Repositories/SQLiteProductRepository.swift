import GRDB

/// One product of the catalogue with the stock left now.
struct Product: Sendable, Equatable, Codable {
    let id: String
    let name: String
    let priceCents: Int
    let stock: Int
}

/// The product catalogue and its stock, read-only: stock moves only with orders (see the order saga).
struct SQLiteProductRepository: ProductRepository {
    let database: any DatabaseWriter

    /// Every product, in catalogue order (p-1, p-2, ...).
    func all() async throws -> [Product] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, name, price_cents, stock FROM products ORDER BY CAST(substr(id, 3) AS INTEGER)"
            ).map { Product(id: $0["id"], name: $0["name"], priceCents: $0["price_cents"], stock: $0["stock"]) }
        }
    }
}
