import ArgumentParser
import Basics
import FaultInjector
import Foundation
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

    @Option(
        help: "How many event loops (threads) move the proxies' bytes, as haproxy's nbthread (default: one per core)."
    )
    var loops: Int?

    @Flag(
        inversion: .prefixedNo,
        help:
            "Move the connections of TCP proxies with no toxic by splice(2) outside NIO, handed to NIO when a toxic is added."
    )
    var splice = true

    func validate() throws {
        if let loops, !(1...1024).contains(loops) { throw ValidationError("--loops \(loops): expected 1 to 1024") }
    }

    func run() async throws {
        try await runReportingFailure {
            guard let address = HostAndPort(api) else {
                throw CommandFailure(.usage, "--api expects host:port, got \"\(api)\"")
            }
            let registry = ProxyRegistry(loops: loops, splice: splice)
            if let config {
                guard let data = FileManager.default.contents(atPath: config) else {
                    throw CommandFailure(.noInput, "cannot read the proxy file \(config)")
                }
                do {
                    _ = try await registry.populate(ProxyConfigurationFile.load(contentsOf: data))
                } catch let failure as PopulateFailure {
                    throw CommandFailure(.configuration, "\(config): \(failure.error)")
                } catch {
                    throw CommandFailure(.invalidInput, "\(config): \(error)")
                }
            }
            let server = ControlAPIServer(registry: registry, address: address) { listening in
                var lines = ""
                for proxy in await registry.all {
                    let proxy = proxy.configuration
                    lines += "proxy \(proxy.name): \(proxy.listen) -> \(proxy.upstream)\n"
                }
                lines += "ordeal proxy: control API on http://\(listening.description)\n"
                FileHandle.standardOutput.write(Data(lines.utf8))
            }
            try await server.runUntilSignalled()
        }
    }
}
