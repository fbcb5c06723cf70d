import GRDB

/// The writes of the order saga: every step's state is committed before and after the step runs, and stock
/// moves in the same transaction as the state that accounts for it, so a crash can lose neither.
extension SQLiteOrderRepository {
    /// Moves the order to `status` if it is in one of `from`; false when it was not (another run moved it).
    func transition(id: String, from: [OrderStatus], to status: OrderStatus) async throws -> Bool {
        defer { cache?.invalidate(id: id) }
        return try await database.write { db in
            let placeholders = databaseQuestionMarks(count: from.count)
            try db.execute(
                sql: "UPDATE orders SET status = ? WHERE id = ? AND status IN (\(placeholders))",
                arguments: StatementArguments([status.rawValue, id] + from.map(\.rawValue))
            )
            return db.changesCount == 1
        }
    }

    /// Ends a failed saga: releases the order's stock and marks it failed, once, in one transaction.
    func compensate(id: String) async throws -> Order? {
        defer { cache?.invalidate(id: id) }
        return try await database.write { db in
            guard let order = try Self.fetchOrder(db, id: id) else { return nil }
            guard OrderStatus.unfinished.contains(order.status) else { return order }
            try Self.releaseStock(order.items, db)
            try db.execute(sql: "UPDATE orders SET status = 'failed' WHERE id = ?", arguments: [id])
            return try Self.fetchOrder(db, id: id)
        }
    }

    /// Every order whose saga has not finished, oldest first.
    func unfinished() async throws -> [Order] {
        let states = OrderStatus.unfinished.map(\.rawValue)
        return try await database.read { db in
            try Self.fetchOrders(
                db,
                sql: """
                    SELECT * FROM orders WHERE status IN (\(databaseQuestionMarks(count: states.count)))
                    ORDER BY created_at, id
                    """,
                arguments: StatementArguments(states)
            )
        }
    }

    /// Takes each line's quantity from stock; throws `outOfStock` naming the first product that is short.
    static func reserveStock(_ lines: [OrderLine], _ db: Database) throws {
        for line in lines {
            try db.execute(
                sql: "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?",
                arguments: [line.quantity, line.productID, line.quantity]
            )
            if db.changesCount != 1 { throw RepositoryError.outOfStock(line.productID) }
        }
    }

    static func releaseStock(_ lines: [OrderLine], _ db: Database) throws {
        for line in lines {
            try db.execute(
                sql: "UPDATE products SET stock = stock + ? WHERE id = ?",
                arguments: [line.quantity, line.productID]
            )
        }
    }

    /// The stock of one product now (tests and the leak check).
    func stock(of productID: String) async throws -> Int? {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT stock FROM products WHERE id = ?", arguments: [productID])
        }
    }
}
