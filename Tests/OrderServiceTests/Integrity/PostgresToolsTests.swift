import Foundation
import Logging
import TestSupport
import Testing

@testable import OrderService

/// pg_dump and pg_restore get a database URL's password through their environment, never on their command line.
@Suite struct PostgresToolsTests {
    @Test func thePasswordLeavesTheURLDecoded() {
        let split = PostgresTools.splittingPassword("postgres://shop:se%20cret%40x@127.0.0.1:5432/orders")
        #expect(split.url == "postgres://shop@127.0.0.1:5432/orders")
        #expect(split.password == "se cret@x")
        let plain = PostgresTools.splittingPassword("postgres://shop@127.0.0.1:5432/orders")
        #expect(plain.url == "postgres://shop@127.0.0.1:5432/orders" && plain.password == nil)
    }

    @Test func aBackupOfAPasswordProtectedDatabaseUsesThePasswordFromTheURL() async throws {
        guard let cluster = try await PostgresCluster.shared() else {
            print("SKIPPED: \(PostgresCluster.missingReason)")
            return
        }
        let role = "pw_" + UUID().uuidString.lowercased().prefix(8)
        let database = try #require(try await cluster.freshDatabaseURL().split(separator: "/").last.map(String.init))
        try await cluster.execute("CREATE ROLE \(role) LOGIN PASSWORD 'se cret@x'", in: "postgres")
        try await cluster.execute("ALTER DATABASE \(database) OWNER TO \(role)", in: "postgres")
        try await cluster.execute("ALTER SCHEMA public OWNER TO \(role)", in: database)
        try await cluster.requirePassword(of: role)
        let folder = try TemporaryFolder(prefix: "pgpass")
        defer { folder.remove() }
        var configuration = OrderServiceConfiguration.testing(admin: TestService.admin)
        configuration.databaseURL = "postgres://\(role):se%20cret%40x@127.0.0.1:\(cluster.port)/\(database)"
        let store = try await Store.open(configuration, logger: .init(label: "test"))
        await store.close()
        try await DataMaintenance.backup(configuration, to: folder.file("ok.backup"))
        #expect(FileManager.default.fileExists(atPath: folder.file("ok.backup")))
        configuration.databaseURL = "postgres://\(role):wrong@127.0.0.1:\(cluster.port)/\(database)"
        await #expect(throws: DataMaintenance.Failure.self) {
            try await DataMaintenance.backup(configuration, to: folder.file("refused.backup"))
        }
    }
}
