import Basics
import GRDB

/// The integrity snapshot from SQLite: one read, which GRDB runs in one transaction.
struct SQLiteIntegrityRepository: IntegrityRepository {
    let database: any DatabaseWriter

    func snapshot(lease: Duration) async throws -> IntegritySnapshot {
        let leaseMillis = lease.nanosecondsClamped / 1_000_000
        let states = OrderStatus.unfinished.map(\.rawValue)
        return try await database.read { db in
            var snapshot = IntegritySnapshot()
            for row in try Row.fetchAll(db, sql: "SELECT id, stock FROM products") {
                snapshot.stock[row["id"]] = row["stock"]
            }
            for row in try Row.fetchAll(db, sql: IntegrityQueries.held) {
                snapshot.held[row[0]] = row[1]
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, total_cents FROM orders WHERE status = 'confirmed'") {
                snapshot.confirmed[row["id"]] = row["total_cents"]
            }
            snapshot.failed = Set(try String.fetchAll(db, sql: "SELECT id FROM orders WHERE status = 'failed'"))
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT id, COALESCE(lease_until, created_at + ?) FROM orders
                    WHERE status IN (\(databaseQuestionMarks(count: states.count)))
                    """,
                arguments: StatementArguments([leaseMillis]) + StatementArguments(states)
            ) {
                snapshot.unfinished[row[0]] = row[1]
            }
            snapshot.orderCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") ?? 0
            return snapshot
        }
    }
}

/// SQL both engines share.
enum IntegrityQueries {
    /// Per product, the quantity held by orders that still hold their stock.
    static let held = """
        SELECT order_items.product_id, CAST(SUM(order_items.quantity) AS BIGINT) FROM order_items
        JOIN orders ON orders.id = order_items.order_id
        WHERE orders.status NOT IN ('cancelled', 'failed')
        GROUP BY order_items.product_id
        """
}
