import GRDB

/// The SQL behind `SQLiteOrderRepository`: pricing, inserting and reading orders with their lines.
extension SQLiteOrderRepository {
    static func earlierOrder(_ db: Database, userID: Int64, key: String) throws -> (id: String, fingerprint: String)? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT id, request_fingerprint FROM orders WHERE user_id = ? AND idempotency_key = ?",
            arguments: [userID, key]
        )
        return row.map { ($0["id"], $0["request_fingerprint"]) }
    }

    /// Prices each line from the catalogue; throws `unknownProduct` naming the first id that is not in it.
    static func price(_ draft: OrderDraft, _ db: Database) throws -> [OrderLine] {
        let ids = Array(Set(draft.items.map(\.productID)))
        let placeholders = databaseQuestionMarks(count: ids.count)
        let prices = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(
                db,
                sql: "SELECT id, price_cents FROM products WHERE id IN (\(placeholders))",
                arguments: StatementArguments(ids)
            ).map { row -> (String, Int) in (row["id"], row["price_cents"]) }
        )
        return try draft.items.map { item in
            guard let price = prices[item.productID] else { throw RepositoryError.unknownProduct(item.productID) }
            return OrderLine(productID: item.productID, quantity: item.quantity, unitPriceCents: price)
        }
    }

    static func insert(_ order: Order, _ db: Database, idempotencyKey: String?, fingerprint: String) throws {
        try db.execute(
            sql: """
                INSERT INTO orders (id, user_id, status, total_cents, created_at, idempotency_key, request_fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                order.id, order.userID, order.status.rawValue, order.totalCents, order.createdAtMillis,
                idempotencyKey, fingerprint,
            ]
        )
        let insertLine = try db.cachedStatement(
            sql: """
                INSERT INTO order_items (order_id, position, product_id, quantity, unit_price_cents)
                VALUES (?, ?, ?, ?, ?)
                """
        )
        for (position, line) in order.items.enumerated() {
            try insertLine.execute(arguments: [
                order.id, position, line.productID, line.quantity, line.unitPriceCents,
            ])
        }
    }

    static func fetchOrder(_ db: Database, id: String) throws -> Order? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM orders WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let lines = try fetchLines(db, orderIDs: [id])
        return order(from: row, lines: lines[id, default: []])
    }

    /// The orders a query over `orders` selects, in its order, with their lines fetched in one more query.
    static func fetchOrders(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Order] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        let lines = try fetchLines(db, orderIDs: rows.map { $0["id"] })
        return rows.map { order(from: $0, lines: lines[$0["id"], default: []]) }
    }

    /// The lines of several orders in one query, keyed by order id, in their original order.
    static func fetchLines(_ db: Database, orderIDs: [String]) throws -> [String: [OrderLine]] {
        guard !orderIDs.isEmpty else { return [:] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM order_items WHERE order_id IN (\(databaseQuestionMarks(count: orderIDs.count)))
                ORDER BY order_id, position
                """,
            arguments: StatementArguments(orderIDs)
        )
        var lines: [String: [OrderLine]] = [:]
        for row in rows {
            let line = OrderLine(
                productID: row["product_id"],
                quantity: row["quantity"],
                unitPriceCents: row["unit_price_cents"]
            )
            lines[row["order_id"], default: []].append(line)
        }
        return lines
    }

    static func order(from row: Row, lines: [OrderLine]) -> Order {
        Order(
            id: row["id"],
            userID: row["user_id"],
            status: OrderStatus(rawValue: row["status"]) ?? .created,
            items: lines,
            totalCents: row["total_cents"],
            createdAtMillis: row["created_at"]
        )
    }
}
