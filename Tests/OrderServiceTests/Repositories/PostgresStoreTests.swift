import Foundation
import Logging
import TestSupport
import Testing

@testable import OrderService

/// What only the PostgreSQL store has: opening by URL, several instances on one database, clear errors.
@Suite struct PostgresStoreTests {
    @Test func anUnreachableServerIsAClearErrorNamingWhere() async throws {
        let port = try RefusingPort()
        var configuration = OrderServiceConfiguration.testing()
        configuration.databaseURL = "postgres://ordeal@127.0.0.1:\(port.port)/orders"
        let error = await #expect(throws: DatabaseUnavailable.self) {
            try await Store.open(configuration, logger: Logger(label: "test"))
        }
        #expect(error?.description.contains("127.0.0.1:\(port.port)/orders") == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("database.url:") == true)
    }

    @Test func aURLThatIsNotPostgresIsAConfigurationProblemThatHidesItsPassword() {
        var configuration = OrderServiceConfiguration.testing()
        configuration.databaseURL = "mysql://root:hunter2@db/orders"
        let problems = configuration.problems()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("database.url: expected postgres://") == true)
        #expect(problems.allSatisfy { !$0.contains("hunter2") })
        let endpoint = PostgresEndpoint(url: "postgresql://u:p%40ss@h:6000/d")
        #expect(endpoint?.host == "h" && endpoint?.port == 6000 && endpoint?.database == "d")
        #expect(endpoint?.username == "u" && endpoint?.password == "p@ss")
        #expect(PostgresEndpoint(url: "postgres://db.local")?.database == "postgres")
    }

    @Test func theURLComesFromTheEnvironment() async throws {
        let configuration = try await OrderServiceConfiguration.load(
            file: nil,
            environment: [
                "ORDERPROCESSING_DATABASE_URL": "postgres://app@10.0.0.5/orders",
                "ORDERPROCESSING_DATABASE_POOL_SIZE": "7",
            ]
        )
        #expect(configuration.databaseURL == "postgres://app@10.0.0.5/orders")
        #expect(configuration.databasePoolSize == 7)
    }

    @Test func instancesStartingTogetherMigrateOnceAndShareTheData() async throws {
        guard let cluster = try await PostgresCluster.shared() else {
            print("SKIPPED: \(PostgresCluster.missingReason)")
            return
        }
        var configuration = OrderServiceConfiguration.testing()
        configuration.databaseURL = try await cluster.freshDatabaseURL()
        configuration.databasePoolSize = 2
        let logger = Logger(label: "test")
        let shared = configuration
        let stores = try await withThrowingTaskGroup(of: Store.self) { group in
            for _ in 0..<3 { group.addTask { try await Store.open(shared, logger: logger) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let user = try await stores[0].users.create(username: "shared", passwordHash: "h", role: .user)
        #expect(try await stores[1].users.find(id: user.id)?.username == "shared")
        #expect(try await stores[2].products.all().count == ProductCatalogue.productCount)
        for store in stores { await store.close() }
    }
}
