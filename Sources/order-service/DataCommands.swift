import ArgumentParser
import Foundation
import OrderService

/// Where the data commands find the database: the same `--config`, `ORDERPROCESSING_*` and `--database` as `serve`.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "A YAML configuration file (database.path or database.url, payments.url).")
    var config: String?

    @Option(help: "SQLite database file (overrides database.path; database.url, if set, wins).")
    var database: String?

    func configuration() async throws -> OrderServiceConfiguration {
        var settings = try await OrderServiceConfiguration.load(file: config)
        if let database { settings.databasePath = database }
        return settings
    }
}

/// Runs one data command, turning its failures into a line on standard error and a sysexits code.
func runDataCommand(_ name: String, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ConfigurationError {
        FileHandle.standardError.write(Data("order-service \(name): \(error)\n".utf8))
        throw ExitCode(78)
    } catch let error as DatabaseUnavailable {
        FileHandle.standardError.write(Data("order-service \(name): \(error)\n".utf8))
        throw ExitCode(69)
    } catch {
        FileHandle.standardError.write(Data("order-service \(name): \(error)\n".utf8))
        throw ExitCode(74)
    }
}

/// `order-service verify`: the data-integrity check, offline.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the data: every confirmed order charged once, stock adding up, no saga unfinished.",
        discussion: """
            With payments.url set, the gateway's ledger (GET /payments) is compared too. Prints each problem;
            exits 0 when consistent, 1 when not, 69 when the database cannot be reached, 78 for a bad configuration.
            """
    )

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await runDataCommand("verify") {
            let result = try await DataMaintenance.verify(try await options.configuration())
            for line in result.lines { print(line) }
            if !result.consistent { throw ExitCode(1) }
        }
    }
}

/// `order-service backup --to FILE`.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back the database up to a file (SQLite's online backup, or pg_dump's custom format).",
        discussion: "Safe while the service runs. Exits 74 when the backup cannot be made."
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: "The backup file to write.")
    var to: String

    func run() async throws {
        try await runDataCommand("backup") {
            try await DataMaintenance.backup(try await options.configuration(), to: to)
            print("backed up to \(to)")
        }
    }
}

/// `order-service restore --from FILE`.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into the configured database (meant for a fresh one).",
        discussion: "Exits 74 when the restore fails."
    )

    @OptionGroup var options: DatabaseOptions

    @Option(help: "The backup file to read.")
    var from: String

    func run() async throws {
        try await runDataCommand("restore") {
            try await DataMaintenance.restore(try await options.configuration(), from: from)
            print("restored from \(from)")
        }
    }
}
