import Foundation
import GRDB

/// Orders in SQLite through GRDB; every create runs in one write transaction, which makes idempotency exact.
struct SQLiteOrderRepository: OrderStore {
    let database: any DatabaseWriter

    func create(_ draft: OrderDraft, userID: Int64, idempotencyKey: String?, status: OrderStatus = .created)
        async throws -> OrderCreation
    {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let id = UUID().uuidString.lowercased()
        // SQLite has one writer at a time, so two requests with the same key cannot both miss the lookup below.
        return try await database.write { db in
            if let idempotencyKey, let earlier = try Self.earlierOrder(db, userID: userID, key: idempotencyKey) {
                guard earlier.fingerprint == draft.fingerprint else { throw RepositoryError.idempotencyKeyReused }
                return OrderCreation(order: try Self.fetchOrder(db, id: earlier.id)!, replayed: true)
            }
            let lines = try Self.price(draft, db)
            let order = Order(
                id: id,
                userID: userID,
                status: status,
                items: lines,
                totalCents: lines.reduce(0) { $0 + $1.unitPriceCents * $1.quantity },
                createdAtMillis: now
            )
            try Self.reserveStock(order.items, db)
            try Self.insert(order, db, idempotencyKey: idempotencyKey, fingerprint: draft.fingerprint)
            return OrderCreation(order: order, replayed: false)
        }
    }

    func find(id: String) async throws -> Order? {
        try await findUncached(id: id)
    }

    func findUncached(id: String) async throws -> Order? {
        try await database.read { db in try Self.fetchOrder(db, id: id) }
    }

    func list(userID: Int64?, after cursor: OrderCursor?, limit: Int) async throws -> [Order] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let userID {
            conditions.append("user_id = ?")
            arguments += [userID]
        }
        if let cursor {
            conditions.append("(created_at, id) < (?, ?)")
            arguments += [cursor.createdAtMillis, cursor.orderID]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT * FROM orders \(filter) ORDER BY created_at DESC, id DESC LIMIT ?"
        arguments += [limit]
        let query = arguments
        return try await database.read { db in try Self.fetchOrders(db, sql: sql, arguments: query) }
    }

    func cancel(id: String) async throws -> Order? {
        try await database.write { db in
            guard let order = try Self.fetchOrder(db, id: id) else { return nil }
            switch order.status {
            case .cancelled: return order
            case .created:
                try db.execute(sql: "UPDATE orders SET status = ? WHERE id = ?", arguments: ["cancelled", id])
                try Self.releaseStock(order.items, db)
                return try Self.fetchOrder(db, id: id)
            case .pending, .charging, .confirmed, .compensating, .failed:
                // A paid order would need a refund first; that is the saga's job, not a cancel's.
                throw RepositoryError.notCancellable(order.status)
            }
        }
    }
}
