import Basics
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// The standalone fault proxy: a registry of proxies and Toxiproxy's API over HTTP, as one `Service`.
///
/// Stopping it (cancellation or graceful shutdown) stops the API and then every proxy.
public struct ControlAPIServer: Service {
    public let registry: ProxyRegistry
    private let address: HostAndPort
    private let onListening: @Sendable (HostAndPort) async -> Void

    /// - Parameter onListening: called with the API's real address once it accepts requests (port 0 is resolved).
    public init(
        registry: ProxyRegistry,
        address: HostAndPort,
        onListening: @escaping @Sendable (HostAndPort) async -> Void = { _ in }
    ) {
        self.registry = registry
        self.address = address
        self.onListening = onListening
    }

    public func run() async throws {
        let host = address.host
        let onListening = self.onListening
        var logger = Logger(label: "ordeal.proxy")
        logger.logLevel = .warning
        let app = Application(
            router: ControlAPI(registry: registry).router(),
            configuration: .init(address: .hostname(host, port: address.port), serverName: "ordeal-proxy"),
            onServerRunning: { channel in
                await onListening(HostAndPort(host: host, port: channel.localAddress?.port ?? 0))
            },
            logger: logger
        )
        do {
            try await app.run()
        } catch {
            await registry.shutdown()
            throw error
        }
        await registry.shutdown()
    }

    /// Runs until SIGINT or SIGTERM, then shuts down cleanly.
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: self)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "ordeal.proxy")
            )
        )
        try await group.run()
    }
}

/// Reads a proxy list in Toxiproxy's `-config` / `/populate` format: a JSON array of `{name, listen, upstream}`.
public enum ProxyConfigurationFile {
    public static func load(contentsOf data: Data) throws(FaultInjectorError) -> [ProxyConfiguration] {
        let requests: [ProxyRequest]
        do {
            requests = try JSONDecoder().decode([ProxyRequest].self, from: data)
        } catch {
            throw .badRequest(ToxicDecoding.describe(error))
        }
        var configurations: [ProxyConfiguration] = []
        for (index, request) in requests.enumerated() {
            do {
                configurations.append(try request.creating())
            } catch {
                throw .badRequest("proxy #\(index + 1): \(error)")
            }
        }
        return configurations
    }
}
