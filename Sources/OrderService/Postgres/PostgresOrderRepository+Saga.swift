import Basics
import Foundation
import PostgresNIO

/// The saga's writes on PostgreSQL: each state change is one statement or one transaction, and stock moves in
/// the same transaction as the state that accounts for it. Rows are locked in a fixed order (orders by id,
/// products by id), so two transactions never wait on each other in a cycle.
extension PostgresOrderRepository {
    func transition(id: String, from: [OrderStatus], to status: OrderStatus) async throws -> Bool {
        try await !database.rows(
            """
            UPDATE orders SET status = \(status.rawValue) WHERE id = \(id) AND status = ANY(\(from.map(\.rawValue)))
            RETURNING id
            """
        ).isEmpty
    }

    func compensate(id: String) async throws -> Order? {
        try await database.transaction { connection in
            guard let order = try await Self.lockOrder(id: id, connection, database.logger) else { return nil }
            guard OrderStatus.unfinished.contains(order.status) else { return order }
            try await Self.releaseStock(order.items, connection, database.logger)
            try await connection.query("UPDATE orders SET status = 'failed' WHERE id = \(id)", logger: database.logger)
            return Order(
                id: order.id,
                userID: order.userID,
                status: .failed,
                items: order.items,
                totalCents: order.totalCents,
                createdAtMillis: order.createdAtMillis
            )
        }
    }

    func unfinished() async throws -> [Order] {
        try await fetchOrders(
            """
            \(unescaped: Self.orderColumns) WHERE status = ANY(\(OrderStatus.unfinished.map(\.rawValue)))
            ORDER BY created_at, id
            """
        )
    }

    func stock(of productID: String) async throws -> Int? {
        try await database.rows("SELECT stock FROM products WHERE id = \(productID)").first?.decode(Int.self)
    }

    /// The order with its lines, its row locked until the transaction ends; nil when there is none.
    static func lockOrder(id: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> Order? {
        let heads = try await connection.query(
            "\(unescaped: orderColumns) WHERE id = \(id) FOR UPDATE",
            logger: logger
        ).collect()
        guard let head = heads.first else { return nil }
        let (_, userID, status, total, created) = try head.decode((String, Int64, String, Int, Int64).self)
        var lines: [OrderLine] = []
        for row in try await connection.query(
            "SELECT product_id, quantity, unit_price_cents FROM order_items WHERE order_id = \(id) ORDER BY position",
            logger: logger
        ).collect() {
            let (productID, quantity, price) = try row.decode((String, Int, Int).self)
            lines.append(OrderLine(productID: productID, quantity: quantity, unitPriceCents: price))
        }
        return Order(
            id: id,
            userID: userID,
            status: OrderStatus(rawValue: status) ?? .created,
            items: lines,
            totalCents: total,
            createdAtMillis: created
        )
    }

    /// Prices each line from the catalogue; throws `unknownProduct` naming the first id that is not in it.
    static func price(_ draft: OrderDraft, _ connection: PostgresConnection, _ logger: Logger) async throws
        -> [OrderLine]
    {
        let ids = Array(Set(draft.items.map(\.productID)))
        var prices: [String: Int] = [:]
        for row in try await connection.query(
            "SELECT id, price_cents FROM products WHERE id = ANY(\(ids))",
            logger: logger
        ).collect() {
            let (id, price) = try row.decode((String, Int).self)
            prices[id] = price
        }
        return try draft.items.map { item in
            guard let price = prices[item.productID] else { throw RepositoryError.unknownProduct(item.productID) }
            return OrderLine(productID: item.productID, quantity: item.quantity, unitPriceCents: price)
        }
    }

    /// Takes each line's quantity from stock, products in id order; throws `outOfStock` naming one that is short.
    static func reserveStock(_ lines: [OrderLine], _ connection: PostgresConnection, _ logger: Logger) async throws {
        for line in lines.sorted(by: { $0.productID < $1.productID }) {
            let updated = try await connection.query(
                """
                UPDATE products SET stock = stock - \(line.quantity)
                WHERE id = \(line.productID) AND stock >= \(line.quantity) RETURNING id
                """,
                logger: logger
            ).collect()
            if updated.isEmpty { throw RepositoryError.outOfStock(line.productID) }
        }
    }

    static func releaseStock(_ lines: [OrderLine], _ connection: PostgresConnection, _ logger: Logger) async throws {
        for line in lines.sorted(by: { $0.productID < $1.productID }) {
            try await connection.query(
                "UPDATE products SET stock = stock + \(line.quantity) WHERE id = \(line.productID)",
                logger: logger
            )
        }
    }
}

/// Saga leases on PostgreSQL: `FOR UPDATE SKIP LOCKED` hands each abandoned saga to exactly one claimer.
extension PostgresOrderRepository {
    func claimAbandoned(owner: String, lease: Duration, limit: Int) async throws -> [Order] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let leaseMillis = lease.nanosecondsClamped / 1_000_000
        let until = now + leaseMillis
        let claimed = try await database.rows(
            """
            UPDATE orders SET lease_owner = \(owner), lease_until = \(until)
            WHERE id IN (
                SELECT id FROM orders
                WHERE status = ANY(\(OrderStatus.unfinished.map(\.rawValue)))
                    AND COALESCE(lease_until, created_at + \(leaseMillis)) < \(now)
                ORDER BY created_at, id LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            RETURNING id
            """
        ).map { try $0.decode(String.self) }
        guard !claimed.isEmpty else { return [] }
        return try await fetchOrders(
            "\(unescaped: Self.orderColumns) WHERE id = ANY(\(claimed)) ORDER BY created_at, id"
        )
    }

    func renewLease(id: String, owner: String, lease: Duration) async throws {
        let until = Int64(Date().timeIntervalSince1970 * 1000) + lease.nanosecondsClamped / 1_000_000
        _ = try await database.rows("UPDATE orders SET lease_owner = \(owner), lease_until = \(until) WHERE id = \(id)")
    }
}
