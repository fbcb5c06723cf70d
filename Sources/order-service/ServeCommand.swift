import ArgumentParser
import Foundation
import Hummingbird
import OrderService

/// `order-service [serve]`: runs the order service (the default subcommand).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the order service (the default when no subcommand is given).",
        discussion: """
            With no arguments it listens on 127.0.0.1:8080, keeps its data in ./order-service.sqlite and runs in
            development mode with a generated signing secret. Settings come from --config FILE (YAML), then
            ORDERPROCESSING_* environment variables (e.g. ORDERPROCESSING_HTTP_PORT, ORDERPROCESSING_JWT_SECRET,
            ORDERPROCESSING_DATABASE_PATH, ORDERPROCESSING_MODE, ORDERPROCESSING_LOG_LEVEL,
            ORDERPROCESSING_PAYMENTS_URL), then the flags below.
            Exits 78 when the configuration is invalid. SIGTERM or SIGINT drains in-flight requests, then exits 0.
            `order-service payments` runs the fake payments gateway that orders are charged through (payments.url).
            """
    )

    @Option(help: "A YAML configuration file (see config/order-service.yaml).")
    var config: String?

    @Option(help: "Address to listen on (overrides http.host).")
    var host: String?

    @Option(help: "Port to listen on, 0 picks a free one (overrides http.port).")
    var port: Int?

    @Option(help: "SQLite database file, or :memory: (overrides database.path).")
    var database: String?

    @Option(help: "The payments gateway's http://host:port (overrides payments.url).")
    var paymentsURL: String?

    func run() async throws {
        do {
            var settings = try await OrderServiceConfiguration.load(file: config)
            if let host { settings.http.host = host }
            if let port { settings.http.port = port }
            if let database { settings.databasePath = database }
            if let paymentsURL { settings.payments.url = paymentsURL }
            let host = settings.http.host
            let app = try await buildApplication(settings, file: config) { boundPort in
                // Scripts and tests wait for this line to learn the port when --port 0 was asked for.
                FileHandle.standardOutput.write(Data("order-service listening on http://\(host):\(boundPort)\n".utf8))
            }
            try await app.runService()
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("order-service: \(error)\n".utf8))
            throw ExitCode(78)
        }
    }
}
