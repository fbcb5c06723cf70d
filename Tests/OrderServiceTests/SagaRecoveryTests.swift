import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

/// Sagas a killed process left behind are finished at the next start, charging at most once.
@Suite struct SagaRecoveryTests {
    @Test func unfinishedSagasAreResumedOrCompensatedAtStartWithoutDoubleCharging() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("saga-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("orders.sqlite").path
        try await PaymentsGatewayFixture.with { url, ledger in
            // What a process killed mid-saga leaves: one order never charged, one charged but not confirmed,
            // one half-compensated.
            let left = try await Self.leaveUnfinishedSagas(at: path)
            _ = await ledger.charge(orderId: left.charged, amountCents: 199)
            let stockBefore = try await left.orders.stock(of: "p-1")
            let configuration = PaymentsGatewayFixture.configuration(url: url, databasePath: path)
            let restarted = try await buildRouterForTests(configuration)
            #expect(try await restarted.orders.unfinished().isEmpty)
            #expect(try await restarted.orders.find(id: left.pending)?.status == .confirmed)
            #expect(try await restarted.orders.find(id: left.charged)?.status == .confirmed)
            #expect(try await restarted.orders.find(id: left.compensating)?.status == .failed)
            let entries = Dictionary(uniqueKeysWithValues: await ledger.all().map { ($0.orderId, $0) })
            #expect(entries[left.pending]?.timesCharged == 1)
            #expect(entries[left.charged]?.timesCharged == 1)
            #expect(entries[left.compensating]?.refunded == true)
            // Only the compensated order's unit came back to stock.
            #expect(try await restarted.orders.stock(of: "p-1") == stockBefore.map { $0 + 1 })
        }
    }

    struct Leftovers {
        let orders: SQLiteOrderRepository
        let pending: String
        let charged: String
        let compensating: String
    }

    static func leaveUnfinishedSagas(at path: String) async throws -> Leftovers {
        let database = try DatabaseConnection.open(path: path)
        let user = try await SQLiteUserRepository(database: database)
            .create(username: "crashed", passwordHash: "x", role: .user)
        let orders = SQLiteOrderRepository(database: database)
        let draft = OrderDraft(items: [.init(productID: "p-1", quantity: 1)])
        var ids: [String] = []
        for _ in 0..<3 {
            ids.append(try await orders.create(draft, userID: user.id, idempotencyKey: nil, status: .pending).order.id)
        }
        _ = try await orders.transition(id: ids[1], from: [.pending], to: .charging)
        _ = try await orders.transition(id: ids[2], from: [.pending], to: .compensating)
        return Leftovers(orders: orders, pending: ids[0], charged: ids[1], compensating: ids[2])
    }
}
