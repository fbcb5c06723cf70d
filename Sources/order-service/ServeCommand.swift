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
            ORDERPROCESSING_DATABASE_PATH, ORDERPROCESSING_DATABASE_URL (postgres://user@host:port/db: PostgreSQL
            instead of SQLite, shared by several instances), ORDERPROCESSING_MODE, ORDERPROCESSING_LOG_LEVEL,
            ORDERPROCESSING_PAYMENTS_URL, ORDERPROCESSING_HTTP_TLS_CERTIFICATE, ORDERPROCESSING_HTTP_TLS_KEY,
            ORDERPROCESSING_HTTP_TLS_CLIENT_CA), then the flags below.
            With --tls-cert and --tls-key it serves HTTPS, HTTP/2 or HTTP/1.1 as the client's ALPN offers; with
            --tls-client-ca too, only clients with a certificate from that CA get in (mutual TLS).
            `order-service dev-cert --out DIR` writes a throwaway CA and certificates to try it with.
            Exits 78 when the configuration is invalid, 69 when the database cannot be reached. SIGTERM or SIGINT drains in-flight requests, then exits 0.
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

    @Option(help: "PEM certificate (chain) to serve HTTPS with; needs --tls-key (overrides http.tls.certificate).")
    var tlsCert: String?

    @Option(help: "PEM private key of --tls-cert (overrides http.tls.key).")
    var tlsKey: String?

    @Option(help: "PEM file of CAs whose client certificates are required: mutual TLS (overrides http.tls.clientCA).")
    var tlsClientCa: String?

    func run() async throws {
        EventLoopTasks.install()
        do {
            // The TLS flags go in as the variables they override, so that the both-or-neither check sees the flags,
            // the environment and the file together (--tls-key with ORDERPROCESSING_HTTP_TLS_CERTIFICATE is whole).
            var environment = ProcessInfo.processInfo.environment
            for (name, flag) in [
                ("ORDERPROCESSING_HTTP_TLS_CERTIFICATE", tlsCert),
                ("ORDERPROCESSING_HTTP_TLS_KEY", tlsKey),
                ("ORDERPROCESSING_HTTP_TLS_CLIENT_CA", tlsClientCa),
            ] {
                if let flag { environment[name] = flag }
            }
            var settings = try await OrderServiceConfiguration.load(file: config, environment: environment)
            if let host { settings.http.host = host }
            if let port { settings.http.port = port }
            if let database { settings.databasePath = database }
            if let paymentsURL { settings.payments.url = paymentsURL }
            let host = settings.http.host
            let base = (settings.http.tls.isEnabled ? "https://" : "http://") + host
            let app = try await buildApplication(settings, file: config) { boundPort in
                // Scripts and tests wait for this line to learn the port when --port 0 was asked for.
                FileHandle.standardOutput.write(Data("order-service listening on \(base):\(boundPort)\n".utf8))
            }
            try await app.runService()
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("order-service: \(error)\n".utf8))
            throw ExitCode(78)
        } catch let error as DatabaseUnavailable {
            FileHandle.standardError.write(Data("order-service: \(error)\n".utf8))
            throw ExitCode(69)
        }
    }
}
