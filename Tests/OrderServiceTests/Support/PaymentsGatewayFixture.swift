import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceLifecycle
import Testing

@testable import OrderService

/// A real fake-payments gateway on an ephemeral loopback port, for the duration of `body`.
enum PaymentsGatewayFixture {
    /// With `tls` a certificate and key, the gateway serves HTTPS (and mutual TLS with its client CA), and the URL
    /// handed to `body` is https.
    static func with<T: Sendable>(
        _ settings: PaymentsGatewaySettings = PaymentsGatewaySettings(),
        tls: TLSSettings = TLSSettings(),
        _ body: @Sendable (_ url: String, _ ledger: PaymentsLedger) async throws -> T
    ) async throws -> T {
        let ledger = PaymentsLedger(settings: settings)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try buildPaymentsGateway(port: 0, ledger: ledger, tls: tls) { continuation.yield($0) }
        let group = ServiceGroup(services: [app], logger: app.logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let result = try await body("\(tls.isEnabled ? "https" : "http")://127.0.0.1:\(port)", ledger)
            await group.triggerGracefulShutdown()
            return result
        }
    }

    /// A configuration whose payments go to `url`. The attempt timeout is generous, so that a test process starved
    /// of CPU by its neighbours does not turn a healthy gateway into a failing one; tests of slowness lower it.
    static func configuration(
        url: String,
        attempts: Int = 1,
        failures: Int = 2,
        reset: Duration = .milliseconds(300),
        timeout: Duration = .seconds(5),
        databasePath: String = ":memory:"
    ) -> OrderServiceConfiguration {
        var configuration = OrderServiceConfiguration.testing(admin: TestService.admin)
        configuration.databasePath = databasePath
        configuration.payments = PaymentsSettings(
            url: url,
            retry: RetryPolicy(
                maxAttempts: attempts,
                baseDelay: .milliseconds(10),
                maxDelay: .milliseconds(40),
                attemptTimeout: timeout,
                deadline: .seconds(20)
            ),
            breaker: CircuitBreakerSettings(failureThreshold: failures, resetTimeout: reset)
        )
        return configuration
    }
}

extension TestClientProtocol {
    /// The value of an unlabelled metric in `/metrics`, nil when absent.
    func metric(_ name: String) async throws -> Double? {
        let text = String(buffer: try await send(.get, "/metrics").body)
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") }
    }
}
