import Foundation
import Logging
import TestSupport
import Testing

@testable import OrderService

/// The two storage engines the repository tests run on: SQLite in memory, and a fresh database of the shared
/// PostgreSQL test cluster.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A configuration on a fresh database of this engine; nil (with the reason printed) when PostgreSQL is missing.
    func configuration(admin: AdminAccount? = TestService.admin) async throws -> OrderServiceConfiguration? {
        var configuration = OrderServiceConfiguration.testing(admin: admin)
        switch self {
        case .sqlite:
            return configuration
        case .postgres:
            guard let cluster = try await PostgresCluster.shared() else {
                print("SKIPPED (postgres): \(PostgresCluster.missingReason)")
                return nil
            }
            configuration.databaseURL = try await cluster.freshDatabaseURL()
            configuration.databasePoolSize = 4
            return configuration
        }
    }

    /// Runs `body` with a store on a fresh database of this engine, closed afterwards; skipped when missing.
    func withStore(_ body: (Store) async throws -> Void) async throws {
        guard let configuration = try await configuration() else { return }
        let store = try await Store.open(configuration, logger: Logger(label: "test"))
        do {
            try await body(store)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
