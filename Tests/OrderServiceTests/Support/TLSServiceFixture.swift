import Foundation
import Hummingbird
import ServiceLifecycle
import TestSupport
import Testing

@testable import OrderService

/// The order service over HTTPS on an ephemeral loopback port, with certificates from a fresh in-process CA
/// written to a temporary folder, for the duration of `body`.
struct TLSServiceFixture {
    let authority: DevelopmentCertificateAuthority
    let folder: TemporaryFolder
    /// server.pem and server-key.pem, from `authority`, for localhost, 127.0.0.1 and ::1.
    let certificatePath: String
    let keyPath: String

    init(server: IssuedCertificate? = nil) throws {
        authority = try DevelopmentCertificateAuthority()
        folder = try TemporaryFolder(prefix: "order-service-tls")
        let server = try server ?? authority.issueServerCertificate()
        certificatePath = try folder.write(server.certificatePEM, to: "server.pem")
        keyPath = try folder.write(server.privateKeyPEM, to: "server-key.pem")
    }

    /// TLS settings serving this fixture's server certificate; with `clientCA`, mutual TLS against that PEM.
    func settings(clientCA: String? = nil) throws -> TLSSettings {
        TLSSettings(
            certificatePath: certificatePath,
            keyPath: keyPath,
            clientCAPath: try clientCA.map { try folder.write($0, to: "client-ca.pem") }
        )
    }

    /// Runs the service with `tls` and hands `body` its port.
    static func serve<T: Sendable>(
        _ tls: TLSSettings,
        _ body: @Sendable (_ port: Int) async throws -> T
    ) async throws -> T {
        var configuration = OrderServiceConfiguration.testing()
        configuration.http.tls = tls
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(configuration) { continuation.yield($0) }
        let group = ServiceGroup(services: [app], logger: app.logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let result = try await body(port)
            await group.triggerGracefulShutdown()
            return result
        }
    }
}
