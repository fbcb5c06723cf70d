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
            Exits 64 on invalid flags.
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

    func validate() throws {
        let settings = PaymentsGatewaySettings(latency: .milliseconds(latencyMs), failureRate: failureRate)
        if let problem = settings.problems().first { throw ValidationError(problem) }
        if !(0...65535).contains(port) { throw ValidationError("port: expected 0...65535, got \(port)") }
    }

    func run() async throws {
        let ledger = PaymentsLedger(
            settings: PaymentsGatewaySettings(latency: .milliseconds(latencyMs), failureRate: failureRate)
        )
        let host = host
        let app = buildPaymentsGateway(host: host, port: port, ledger: ledger) { boundPort in
            FileHandle.standardOutput.write(Data("payments listening on http://\(host):\(boundPort)\n".utf8))
        }
        try await app.runService()
    }
}
