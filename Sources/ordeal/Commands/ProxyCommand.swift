import ArgumentParser
import Harness

struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Run the fault-injecting TCP proxy with its Toxiproxy-compatible control API."
    )

    @Option(help: "A file of proxies to create at start (Toxiproxy's populate format).")
    var config: String?

    @Option(help: "Address of the control API.")
    var api = "127.0.0.1:8474"

    func run() async throws {
        try await runReportingFailure { throw NotImplemented("ordeal proxy", issue: 5) }
    }
}
