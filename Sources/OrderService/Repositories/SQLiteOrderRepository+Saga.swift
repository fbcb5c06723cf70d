import Basics
import Foundation
import GRDB

/// The writes of the order saga: every step's state is committed before and after the step runs, and stock
/// moves in the same transaction as the state that accounts for it, so a crash can lose neither.
extension SQLiteOrderRepository {
    func transition(id: String, from: [OrderStatus], to status: OrderStatus) async throws -> Bool {
        try await database.write { db in
            let placeholders = databaseQuestionMarks(count: from.count)
            try db.execute(
                sql: "UPDATE orders SET status = ? WHERE id = ? AND status IN (\(placeholders))",
                arguments: StatementArguments([status.rawValue, id] + from.map(\.rawValue))
            )
            return db.changesCount == 1
        }
    }

    func compensate(id: String) async throws -> Order? {
        try await database.write { db in
            guard let order = try Self.fetchOrder(db, id: id) else { return nil }
            guard OrderStatus.unfinished.contains(order.status) else { return order }
            try Self.releaseStock(order.items, db)
            try db.execute(sql: "UPDATE orders SET status = 'failed' WHERE id = ?", arguments: [id])
            return try Self.fetchOrder(db, id: id)
        }
    }

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

    func stock(of productID: String) async throws -> Int? {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT stock FROM products WHERE id = ?", arguments: [productID])
        }
    }
}

/// Saga leases on SQLite: one writer at a time makes each claim exclusive.
extension SQLiteOrderRepository {
    func claimAbandoned(owner: String, lease: Duration, limit: Int) async throws -> [Order] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let leaseMillis = lease.nanosecondsClamped / 1_000_000
        let states = OrderStatus.unfinished.map(\.rawValue)
        return try await database.write { db in
            let orders = try Self.fetchOrders(
                db,
                sql: """
                    SELECT * FROM orders WHERE status IN (\(databaseQuestionMarks(count: states.count)))
                        AND COALESCE(lease_until, created_at + ?) < ?
                    ORDER BY created_at, id LIMIT ?
                    """,
                arguments: StatementArguments(states) + [leaseMillis, now, limit]
            )
            for order in orders {
                try db.execute(
                    sql: "UPDATE orders SET lease_owner = ?, lease_until = ? WHERE id = ?",
                    arguments: [owner, now + leaseMillis, order.id]
                )
            }
            return orders
        }
    }

    func renewLease(id: String, owner: String, lease: Duration) async throws {
        let until = Int64(Date().timeIntervalSince1970 * 1000) + lease.nanosecondsClamped / 1_000_000
        try await database.write { db in
            try db.execute(
                sql: "UPDATE orders SET lease_owner = ?, lease_until = ? WHERE id = ?",
                arguments: [owner, until, id]
            )
        }
    }
}
