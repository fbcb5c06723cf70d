import Foundation
import GRDB

/// Opens the service's SQLite database: a WAL-mode pool for a file, a single queue for `:memory:`.
enum DatabaseConnection {
    /// The path that asks for a private in-memory database.
    static let inMemoryPath = ":memory:"

    /// Opens (creating if needed) the database at `path` and applies every pending migration.
    static func open(path: String) throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        let writer: any DatabaseWriter
        if path == inMemoryPath {
            writer = try DatabaseQueue(configuration: configuration)
        } else {
            configuration.maximumReaderCount = 8
            // DatabasePool puts the file in WAL mode: readers never wait for the writer.
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try Migrations.migrator.migrate(writer)
        return writer
    }
}
