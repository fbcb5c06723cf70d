import Basics
import FaultInjector
import Foundation
import TestSupport

/// An echo server with a proxy in front of it, both on loopback ephemeral ports.
struct ProxyFixture {
    let echo: EchoServer
    let proxy: Proxy

    var port: Int { HostAndPort(proxy.configuration.listen)!.port }

    /// `splice: false` keeps every connection on NIO, as a proxy with a toxic would.
    static func start(seed: UInt64 = 7, splice: Bool = true) async throws -> ProxyFixture {
        let echo = try await EchoServer.start()
        let proxy = try Proxy(
            ProxyConfiguration(name: "echo", upstream: "127.0.0.1:\(echo.port)"),
            splice: splice ? .shared : nil,
            seed: seed
        )
        try await proxy.start()
        return ProxyFixture(echo: echo, proxy: proxy)
    }

    func stop() async {
        await proxy.stop()
        await echo.stop()
    }

    /// Runs `body` with a fixture, stopping it afterwards whatever happens.
    static func with<T>(
        seed: UInt64 = 7,
        splice: Bool = true,
        _ body: (ProxyFixture) async throws -> T
    ) async throws -> T {
        let fixture = try await start(seed: seed, splice: splice)
        do {
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }
}

/// `count` bytes of a repeating pattern, so reordering or corruption shows.
func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) } }

/// The package's shipped files, found from this file's path.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var scenarios: String { root.appendingPathComponent("scenarios").path }
}
