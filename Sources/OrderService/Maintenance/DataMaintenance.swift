import Foundation
import GRDB
import Logging

/// The offline operations on the configured database: the integrity check, backups and restores. `order-service
/// verify`, `backup` and `restore` call these; SQLite uses its online backup API (through GRDB), PostgreSQL
/// `pg_dump` and `pg_restore` (custom format).
public enum DataMaintenance {
    /// Why a backup or restore failed, in a sentence naming the file or the tool.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Checks the data: every confirmed order charged once (when payments are configured, against the gateway's
    /// ledger), stock adding up, no saga unfinished. Returns the lines to print and whether all is consistent.
    public static func verify(_ configuration: OrderServiceConfiguration) async throws -> (
        consistent: Bool, lines: [String]
    ) {
        try configuration.validate()
        let transport = try PaymentsTransport(configuration.payments)
        let store = try await Store.open(configuration, logger: quietLogger)
        let payments = transport.map { transport in
            PaymentsClient(
                http: transport,
                breaker: CircuitBreaker(configuration.payments.breaker) { _ in },
                retry: configuration.payments.retry,
                metrics: ServiceMetrics()
            )
        }
        let check = IntegrityCheck(
            repository: store.integrity,
            payments: payments,
            lease: configuration.saga.lease(payments: configuration.payments)
        )
        let report: IntegrityReport
        do {
            report = try await check.run(live: false)
        } catch {
            await transport?.shutdown()
            await store.close()
            throw error
        }
        await transport?.shutdown()
        await store.close()
        let ledger = report.ledgerChecked ? "ledger checked" : "ledger not checked (no payments.url)"
        var lines = ["\(store.location): \(report.orders) orders, \(ledger)"]
        lines += report.problems.map { "inconsistent: \($0)" }
        lines.append(report.consistent ? "consistent" : "\(report.problems.count) problems")
        return (report.consistent, lines)
    }

    /// Writes a backup of the configured database to `file`.
    public static func backup(_ configuration: OrderServiceConfiguration, to file: String) async throws {
        try configuration.validate()
        if let url = configuration.databaseURL {
            try await PostgresTools.run("pg_dump", database: url, ["--format=custom", "--no-owner", "--file=\(file)"])
            return
        }
        let source = try DatabaseConnection.open(path: configuration.databasePath)
        try? FileManager.default.removeItem(atPath: file)
        do {
            let destination = try DatabaseQueue(path: file)
            try source.backup(to: destination)
            try destination.close()
        } catch {
            throw Failure(description: "backup to \(file) failed: \(error)")
        }
    }

    /// Replaces the configured database's data with the backup in `file` (meant for a fresh database).
    public static func restore(_ configuration: OrderServiceConfiguration, from file: String) async throws {
        try configuration.validate()
        guard FileManager.default.fileExists(atPath: file) else {
            throw Failure(description: "restore: no backup file at \(file)")
        }
        if let url = configuration.databaseURL {
            try await PostgresTools.run(
                "pg_restore",
                database: url,
                ["--clean", "--if-exists", "--no-owner", "--single-transaction", file]
            )
            return
        }
        do {
            let backup = try DatabaseQueue(path: file, configuration: readOnly)
            let destination = try DatabaseConnection.open(path: configuration.databasePath)
            try backup.backup(to: destination)
        } catch {
            throw Failure(description: "restore from \(file) failed: \(error)")
        }
    }

    private static var readOnly: GRDB.Configuration {
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        return configuration
    }

    private static var quietLogger: Logger {
        var logger = Logger(label: "order-service")
        logger.logLevel = .error
        return logger
    }
}
