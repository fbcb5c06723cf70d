import Basics
import PostgresNIO

/// The integrity snapshot from PostgreSQL: one REPEATABLE READ transaction, so every query sees the same instant
/// while the other instances go on writing.
struct PostgresIntegrityRepository: IntegrityRepository {
    let database: PostgresDatabase

    func snapshot(lease: Duration) async throws -> IntegritySnapshot {
        let leaseMillis = lease.nanosecondsClamped / 1_000_000
        let logger = database.logger
        return try await database.transaction(isolation: "REPEATABLE READ") { connection in
            var snapshot = IntegritySnapshot()
            for row in try await connection.query("SELECT id, stock FROM products", logger: logger).collect() {
                let (id, stock) = try row.decode((String, Int).self)
                snapshot.stock[id] = stock
            }
            for row in try await connection.query("\(unescaped: IntegrityQueries.held)", logger: logger).collect() {
                let (id, held) = try row.decode((String, Int).self)
                snapshot.held[id] = held
            }
            for row in try await connection.query(
                "SELECT id, total_cents FROM orders WHERE status = 'confirmed'",
                logger: logger
            ).collect() {
                let (id, total) = try row.decode((String, Int).self)
                snapshot.confirmed[id] = total
            }
            for row in try await connection.query("SELECT id FROM orders WHERE status = 'failed'", logger: logger)
                .collect()
            {
                snapshot.failed.insert(try row.decode(String.self))
            }
            for row in try await connection.query(
                """
                SELECT id, COALESCE(lease_until, created_at + \(leaseMillis)) FROM orders
                WHERE status = ANY(\(OrderStatus.unfinished.map(\.rawValue)))
                """,
                logger: logger
            ).collect() {
                let (id, until) = try row.decode((String, Int64).self)
                snapshot.unfinished[id] = until
            }
            let count = try await connection.query("SELECT COUNT(*) FROM orders", logger: logger).collect()
            snapshot.orderCount = try count.first?.decode(Int.self) ?? 0
            return snapshot
        }
    }
}
