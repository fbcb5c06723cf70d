import Logging
import PostgresNIO

/// A pool of PostgreSQL connections shared by the repositories, with the transaction helper they use.
///
/// `PostgresClient` hands out connections only while its `run()` runs; the store must work before the HTTP
/// application (and its service group) exists, since migrations and saga recovery come first. So the pool runs in
/// a task this value owns from `open` to `close`.
final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let endpoint: PostgresEndpoint
    let logger: Logger
    private let runner: Task<Void, Never>

    private init(endpoint: PostgresEndpoint, poolSize: Int, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: endpoint.host,
            port: endpoint.port,
            username: endpoint.username,
            password: endpoint.password,
            database: endpoint.database,
            tls: .disable
        )
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = .seconds(5)
        // The pool's own chatter (a lease asked for before `run()` began, which only waits) stays out of the log.
        var background = logger
        background.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        self.endpoint = endpoint
        self.logger = logger
        runner = Task { await client.run() }
    }

    /// Connects once to check the server answers (a clear error instead of a pool waiting for ever), then opens
    /// the pool and applies every pending migration.
    static func open(_ endpoint: PostgresEndpoint, poolSize: Int, logger: Logger) async throws -> PostgresDatabase {
        try await checkReachable(endpoint, logger: logger)
        let database = PostgresDatabase(endpoint: endpoint, poolSize: poolSize, logger: logger)
        do {
            try await PostgresMigrations.migrate(database)
        } catch {
            await database.close()
            throw DatabaseUnavailable("database.url: migrating \(endpoint.description) failed: \(describe(error))")
        }
        return database
    }

    /// Stops the pool; its connections close.
    func close() async {
        runner.cancel()
        await runner.value
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws
    /// (the error passes through unchanged, unlike `PostgresClient.withTransaction`, which wraps it).
    func transaction<T: Sendable>(
        isolation: String = "READ COMMITTED",
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN ISOLATION LEVEL \(unescaped: isolation)", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Every row of `query`, read whole.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await client.query(query, logger: logger).collect()
    }

    private static func checkReachable(_ endpoint: PostgresEndpoint, logger: Logger) async throws {
        var configuration = PostgresConnection.Configuration(
            host: endpoint.host,
            port: endpoint.port,
            username: endpoint.username,
            password: endpoint.password,
            database: endpoint.database,
            tls: .disable
        )
        configuration.options.connectTimeout = .seconds(5)
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration,
                id: 0,
                logger: logger
            )
            try await connection.close()
        } catch {
            throw DatabaseUnavailable(
                "database.url: cannot connect to PostgreSQL at \(endpoint.description): \(describe(error))"
            )
        }
    }

    /// What went wrong, in words: PSQLError's own description hides everything on purpose.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}

extension PSQLError {
    /// The SQLSTATE the server sent, if any (23505 is a unique violation).
    var sqlState: String? { serverInfo?[.sqlState] }
}
