import Foundation
import GRDB
import Testing

@testable import OrderService

@Suite struct MigrationTests {
    @Test func anEmptyDatabaseIsMigratedAndSeeded() throws {
        let database = try DatabaseConnection.open(path: ":memory:")
        try database.read { db in
            #expect(try Migrations.areComplete(db))
            for table in ["users", "products", "orders", "order_items", "api_keys"] {
                #expect(try db.tableExists(table), "missing table \(table)")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") == 100)
            #expect(try Int.fetchOne(db, sql: "SELECT price_cents FROM products WHERE id = 'p-1'") == 199)
            #expect(try Int.fetchOne(db, sql: "SELECT price_cents FROM products WHERE id = 'p-100'") == 10_099)
            let indexes = try db.indexes(on: "orders").map(\.name)
            #expect(indexes.contains("orders_by_user_and_time"))
            #expect(
                try db.indexes(on: "orders").first { $0.name == "orders_by_user_and_time" }?.columns
                    == ["user_id", "created_at", "id"]
            )
        }
    }

    @Test func theListingQueryUsesTheUserAndTimeIndex() throws {
        let database = try DatabaseConnection.open(path: ":memory:")
        let plan = try database.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "EXPLAIN QUERY PLAN SELECT * FROM orders WHERE user_id = 1 ORDER BY created_at DESC, id DESC LIMIT 5"
            ).map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("orders_by_user_and_time"), "plan:\n\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "the index should give the order, plan:\n\(plan)")
    }

    @Test func aFileDatabaseUsesWALAndReopensWithoutMigratingAgain() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("orders-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        do {
            let database = try DatabaseConnection.open(path: path)
            #expect(try database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
            try database.write { try $0.execute(sql: "UPDATE products SET stock = 7 WHERE id = 'p-1'") }
        }
        let reopened = try DatabaseConnection.open(path: path)
        #expect(try reopened.read { try Int.fetchOne($0, sql: "SELECT stock FROM products WHERE id = 'p-1'") } == 7)
        #expect(try reopened.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM products") } == 100)
    }
}
