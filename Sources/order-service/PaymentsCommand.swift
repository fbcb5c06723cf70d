import ArgumentParser
import Foundation
import Hummingbird
import OrderService

/// `order-service payments`: the fake payments gateway the order service charges through.
struct PaymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "A fake payments gateway with configurable latency and failure rate.",
        discussion: """
            Charges are idempotent by order id; a refund of an order never charged refuses a later charge.
            Latency and failure rate can also be changed at run time: PUT /settings {"latencyMs":..,"failureRate":..}.
            With --tls-cert and --tls-key it serves HTTPS (h2 and http/1.1); with --tls-client-ca, mutual TLS.
            Exits 64 on invalid flags, 78 on unusable certificate files.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on, 0 picks a free one.")
    var port = 8090

    @Option(help: "Milliseconds added to every answer.")
    var latencyMs = 0

    @Option(help: "Fraction (0...1) of charges answered 503 without charging.")
    var failureRate = 0.0

    @Option(help: "PEM certificate (chain) to serve HTTPS with; needs --tls-key.")
    var tlsCert: String?

    @Option(help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "PEM CA file: require client certificates it issued (mutual TLS).")
    var tlsClientCa: String?

    func validate() throws {
        let settings = PaymentsGatewaySettings(latency: .milliseconds(latencyMs), failureRate: failureRate)
        if let problem = settings.problems().first { throw ValidationError(problem) }
        if !(0...65535).contains(port) { throw ValidationError("port: expected 0...65535, got \(port)") }
    }

    func run() async throws {
        EventLoopTasks.install()
        let ledger = PaymentsLedger(
            settings: PaymentsGatewaySettings(latency: .milliseconds(latencyMs), failureRate: failureRate)
        )
        let host = host
        let tls = TLSSettings(certificatePath: tlsCert, keyPath: tlsKey, clientCAPath: tlsClientCa)
        let scheme = tls.isEnabled ? "https" : "http"
        let app: any ApplicationProtocol
        do {
            app = try buildPaymentsGateway(host: host, port: port, ledger: ledger, tls: tls) { boundPort in
                FileHandle.standardOutput.write(Data("payments listening on \(scheme)://\(host):\(boundPort)\n".utf8))
            }
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("order-service payments: \(error)\n".utf8))
            throw ExitCode(78)
        }
        try await app.runService()
    }
}
