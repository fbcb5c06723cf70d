import ArgumentParser
import Foundation
import Hummingbird
import OrderService

/// `order-service`: the reference order-processing service Ordeal targets by default.
@main
struct OrderServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order-service",
        abstract: "The reference order-processing service: the default target of Ordeal's scenarios."
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    func run() async throws {
        let host = host
        let app = buildApplication(OrderServiceConfiguration(host: host, port: port)) { boundPort in
            // Scripts and tests wait for this line to learn the port when --port 0 was asked for.
            FileHandle.standardOutput.write(Data("order-service listening on http://\(host):\(boundPort)\n".utf8))
        }
        try await app.runService()
    }
}
