import GRDB

/// The fixed product catalogue seeded by a migration: p-1 ... p-100 with deterministic prices and stock.
enum ProductCatalogue {
    static let productCount = 100
    /// Each product's stock before any order (what the integrity check adds up to).
    static let initialStock = 10_000

    /// The price of product `p-n` in cents: 1.99 for p-1, rising by 1.00 a product, so totals are easy to check.
    static func priceCents(ofProduct number: Int) -> Int {
        99 + number * 100
    }

    static func seed(_ db: Database) throws {
        let insert = try db.makeStatement(
            sql: "INSERT INTO products (id, name, price_cents, stock) VALUES (?, ?, ?, ?)"
        )
        for number in 1...productCount {
            try insert.execute(arguments: [
                "p-\(number)", "Product \(number)", priceCents(ofProduct: number), initialStock,
            ])
        }
    }
}
