import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing

@testable import OrderService

/// Orders placed through the service, backed up, restored into a fresh database, and verified there.
@Suite struct BackupRestoreTests {
    @Test(arguments: StoreEngine.allCases)
    func aBackupRestoredIntoAFreshDatabasePassesVerify(engine: StoreEngine) async throws {
        let folder = try TemporaryFolder(prefix: "backup")
        defer { folder.remove() }
        guard var plainSource = try await engine.configuration(), var plainTarget = try await engine.configuration()
        else { return }
        if engine == .sqlite {
            plainSource.databasePath = folder.file("source.sqlite")
            plainTarget.databasePath = folder.file("restored.sqlite")
        }
        try await PaymentsGatewayFixture.with { [plainSource, plainTarget] url, _ in
            var source = plainSource
            var target = plainTarget
            source.payments = PaymentsGatewayFixture.configuration(url: url).payments
            target.payments = source.payments
            try await TestService.withClient(source) { [source] client in
                let token = try await client.user("backed-up")
                for quantity in 1...3 {
                    let response = try await client.placeOrder(token: token, product: "p-9", quantity: quantity)
                    #expect(response.object["status"] as? String == "confirmed")
                }
                let admin = try await client.adminToken()
                let live = try await client.send(.get, "/api/v1/admin/integrity", token: admin)
                #expect(live.status == .ok)
                #expect(live.object["consistent"] as? Bool == true, "\(String(buffer: live.body))")
                #expect(live.object["orders"] as? Int == 3)
                let forbidden = try await client.send(.get, "/api/v1/admin/integrity", token: token)
                #expect(forbidden.status == .forbidden)
            }
            let file = folder.file("orders.backup")
            try await DataMaintenance.backup(source, to: file)
            try await DataMaintenance.restore(target, from: file)
            let verified = try await DataMaintenance.verify(target)
            #expect(verified.consistent, "\(verified.lines)")
            #expect(verified.lines.first?.contains("3 orders, ledger checked") == true, "\(verified.lines)")
            let restored = try await Store.open(target, logger: .init(label: "test"))
            #expect(try await restored.orders.stock(of: "p-9") == ProductCatalogue.initialStock - 6)
            await restored.close()
        }
    }

    @Test func verifyNamesWhatIsInconsistent() async throws {
        let folder = try TemporaryFolder(prefix: "verify")
        defer { folder.remove() }
        var configuration = OrderServiceConfiguration.testing(admin: TestService.admin)
        configuration.databasePath = folder.file("orders.sqlite")
        let database = try DatabaseConnection.open(path: configuration.databasePath)
        try await database.write { try $0.execute(sql: "UPDATE products SET stock = stock - 5 WHERE id = 'p-4'") }
        let verified = try await DataMaintenance.verify(configuration)
        #expect(!verified.consistent)
        #expect(verified.lines.contains("inconsistent: product p-4: stock 9995 + held 0 = 9995, seeded 10000"))
    }

    @Test func aMissingBackupFileIsNamed() async throws {
        let error = await #expect(throws: DataMaintenance.Failure.self) {
            try await DataMaintenance.restore(.testing(), from: "/nonexistent/orders.backup")
        }
        #expect(error?.description == "restore: no backup file at /nonexistent/orders.backup")
    }
}
