import Foundation
import PostgresNIO

/// Orders in PostgreSQL, shared by every instance. A create is one transaction; two instances sending the same
/// Idempotency-Key race on the unique index `orders_by_idempotency_key`: the loser rolls back (its stock with it)
/// and answers with the winner's order.
struct PostgresOrderRepository: OrderStore {
    let database: PostgresDatabase

    /// The insert lost the race for its Idempotency-Key to a transaction that has committed since.
    private struct KeyTaken: Error {}

    func create(_ draft: OrderDraft, userID: Int64, idempotencyKey: String?, status: OrderStatus = .created)
        async throws -> OrderCreation
    {
        if let idempotencyKey, let earlier = try await replay(draft, userID: userID, key: idempotencyKey) {
            return earlier
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let id = UUID().uuidString.lowercased()
        do {
            return try await database.transaction { connection in
                let lines = try await Self.price(draft, connection, database.logger)
                let order = Order(
                    id: id,
                    userID: userID,
                    status: status,
                    items: lines,
                    totalCents: lines.reduce(0) { $0 + $1.unitPriceCents * $1.quantity },
                    createdAtMillis: now
                )
                let inserted = try await connection.query(
                    """
                    INSERT INTO orders (id, user_id, status, total_cents, created_at, idempotency_key,
                        request_fingerprint)
                    VALUES (\(id), \(userID), \(status.rawValue), \(order.totalCents), \(now), \(idempotencyKey),
                        \(draft.fingerprint))
                    ON CONFLICT (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                    RETURNING id
                    """,
                    logger: database.logger
                ).collect()
                guard !inserted.isEmpty else { throw KeyTaken() }
                try await Self.reserveStock(order.items, connection, database.logger)
                for (position, line) in order.items.enumerated() {
                    try await connection.query(
                        """
                        INSERT INTO order_items (order_id, position, product_id, quantity, unit_price_cents)
                        VALUES (\(id), \(position), \(line.productID), \(line.quantity), \(line.unitPriceCents))
                        """,
                        logger: database.logger
                    )
                }
                return OrderCreation(order: order, replayed: false)
            }
        } catch is KeyTaken {
            guard let idempotencyKey, let earlier = try await replay(draft, userID: userID, key: idempotencyKey)
            else { throw RepositoryError.idempotencyKeyReused }
            return earlier
        }
    }

    /// The order stored earlier under this user's key, nil when there is none; throws when the request differs.
    private func replay(_ draft: OrderDraft, userID: Int64, key: String) async throws -> OrderCreation? {
        let rows = try await database.rows(
            "SELECT id, request_fingerprint FROM orders WHERE user_id = \(userID) AND idempotency_key = \(key)"
        )
        guard let row = rows.first else { return nil }
        let (id, fingerprint) = try row.decode((String, String?).self)
        guard fingerprint == draft.fingerprint else { throw RepositoryError.idempotencyKeyReused }
        guard let order = try await findUncached(id: id) else { return nil }
        return OrderCreation(order: order, replayed: true)
    }

    func find(id: String) async throws -> Order? {
        try await findUncached(id: id)
    }

    func findUncached(id: String) async throws -> Order? {
        try await fetchOrders("\(unescaped: Self.orderColumns) WHERE id = \(id)").first
    }

    func list(userID: Int64?, after cursor: OrderCursor?, limit: Int) async throws -> [Order] {
        var query: PostgresQuery = "\(unescaped: Self.orderColumns) WHERE TRUE"
        var sql = query.sql
        var binds = query.binds
        if let userID {
            binds.append(userID, context: .default)
            sql += " AND user_id = $\(binds.count)"
        }
        if let cursor {
            binds.append(cursor.createdAtMillis, context: .default)
            binds.append(cursor.orderID, context: .default)
            sql += " AND (created_at, id) < ($\(binds.count - 1), $\(binds.count))"
        }
        binds.append(limit, context: .default)
        sql += " ORDER BY created_at DESC, id DESC LIMIT $\(binds.count)"
        query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await fetchOrders(query)
    }

    func cancel(id: String) async throws -> Order? {
        try await database.transaction { connection in
            guard let order = try await Self.lockOrder(id: id, connection, database.logger) else { return nil }
            switch order.status {
            case .cancelled: return order
            case .created:
                try await connection.query(
                    "UPDATE orders SET status = 'cancelled' WHERE id = \(id)",
                    logger: database.logger
                )
                try await Self.releaseStock(order.items, connection, database.logger)
                return Order(
                    id: order.id,
                    userID: order.userID,
                    status: .cancelled,
                    items: order.items,
                    totalCents: order.totalCents,
                    createdAtMillis: order.createdAtMillis
                )
            case .pending, .charging, .confirmed, .compensating, .failed:
                throw RepositoryError.notCancellable(order.status)
            }
        }
    }

    /// The orders a query over `orders` (selecting `orderColumns`) returns, in its order, with their lines.
    func fetchOrders(_ query: PostgresQuery) async throws -> [Order] {
        let rows = try await database.rows(query)
        let heads = try rows.map { try $0.decode((String, Int64, String, Int, Int64).self) }
        let lines = try await fetchLines(orderIDs: heads.map(\.0))
        return heads.map { id, userID, status, total, created in
            Order(
                id: id,
                userID: userID,
                status: OrderStatus(rawValue: status) ?? .created,
                items: lines[id, default: []],
                totalCents: total,
                createdAtMillis: created
            )
        }
    }

    private func fetchLines(orderIDs: [String]) async throws -> [String: [OrderLine]] {
        guard !orderIDs.isEmpty else { return [:] }
        var lines: [String: [OrderLine]] = [:]
        for row in try await database.rows(
            """
            SELECT order_id, product_id, quantity, unit_price_cents FROM order_items
            WHERE order_id = ANY(\(orderIDs)) ORDER BY order_id, position
            """
        ) {
            let (orderID, productID, quantity, price) = try row.decode((String, String, Int, Int).self)
            lines[orderID, default: []].append(
                OrderLine(productID: productID, quantity: quantity, unitPriceCents: price)
            )
        }
        return lines
    }

    static let orderColumns = "SELECT id, user_id, status, total_cents, created_at FROM orders"
}
