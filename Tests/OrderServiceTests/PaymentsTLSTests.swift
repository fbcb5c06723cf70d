import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import OrderService

/// The payments calls over HTTPS with mutual TLS against the real gateway on loopback, and the client's account of
/// whether a failed call was sent, which decides whether a charge may have happened.
@Suite struct PaymentsTLSTests {
    /// A CA, the gateway's server certificate and the service's client certificate, written to a temporary folder.
    struct Certificates {
        let folder: TemporaryFolder
        let authority: DevelopmentCertificateAuthority
        let caPath: String
        let clientPath: String
        let clientKeyPath: String
        let gateway: TLSSettings

        init(requireClientCertificate: Bool = true) throws {
            authority = try DevelopmentCertificateAuthority()
            folder = try TemporaryFolder(prefix: "payments-tls")
            let server = try authority.issueServerCertificate()
            let client = try authority.issueClientCertificate(commonName: "order-service")
            caPath = try folder.write(authority.certificatePEM, to: "ca.pem")
            clientPath = try folder.write(client.certificatePEM, to: "client.pem")
            clientKeyPath = try folder.write(client.privateKeyPEM, to: "client-key.pem")
            gateway = TLSSettings(
                certificatePath: try folder.write(server.certificatePEM, to: "server.pem"),
                keyPath: try folder.write(server.privateKeyPEM, to: "server-key.pem"),
                clientCAPath: requireClientCertificate ? caPath : nil
            )
        }

        /// The service's TLS settings for the gateway: this CA trusted, and the client certificate when asked.
        func client(presentingCertificate: Bool = true) -> PaymentsTLSSettings {
            PaymentsTLSSettings(
                caPath: caPath,
                certificatePath: presentingCertificate ? clientPath : nil,
                keyPath: presentingCertificate ? clientKeyPath : nil
            )
        }
    }

    static func client(url: String, tls: PaymentsTLSSettings = PaymentsTLSSettings()) throws -> PaymentsClient {
        var settings = PaymentsGatewayFixture.configuration(url: url, timeout: .seconds(10)).payments
        settings.tls = tls
        let transport = try #require(try PaymentsTransport(settings))
        return PaymentsClient(
            http: transport,
            breaker: CircuitBreaker(settings.breaker) { _ in },
            retry: settings.retry,
            metrics: ServiceMetrics()
        )
    }

    @Test func anOrderIsChargedOnceThroughAGatewayThatRequiresTheServicesCertificate() async throws {
        let certificates = try Certificates()
        defer { certificates.folder.remove() }
        try await PaymentsGatewayFixture.with(tls: certificates.gateway) { url, ledger in
            #expect(url.hasPrefix("https://"))
            var configuration = PaymentsGatewayFixture.configuration(url: url)
            configuration.payments.tls = certificates.client()
            try await TestService.withClient(configuration) { client in
                let token = try await client.user("secure")
                let response = try await client.placeOrder(token: token, product: "p-4", quantity: 1, key: "tls-1")
                #expect(response.status == .created, "\(String(buffer: response.body))")
                #expect(response.object["status"] as? String == "confirmed")
            }
            #expect(await ledger.all().map(\.timesCharged) == [1])
        }
    }

    @Test func withoutItsCertificateTheServiceIsRefusedAndTheCallCountsAsNotSent() async throws {
        let certificates = try Certificates()
        defer { certificates.folder.remove() }
        try await PaymentsGatewayFixture.with(tls: certificates.gateway) { url, ledger in
            let payments = try Self.client(url: url, tls: certificates.client(presentingCertificate: false))
            defer { Task { await payments.http.shutdown() } }
            await #expect {
                try await payments.charge(orderID: "o-refused", amountCents: 100)
            } throws: { error in
                guard case PaymentError.unavailable(let reason, let sent) = error else { return false }
                // The handshake failed before any of the request was written: nothing can have been charged.
                return !sent && !reason.contains("no response within")
            }
            #expect(await ledger.all().isEmpty)
        }
    }

    @Test func aGatewayWhoseCertificateTheServiceDoesNotTrustIsNotSentTo() async throws {
        let certificates = try Certificates(requireClientCertificate: false)
        defer { certificates.folder.remove() }
        try await PaymentsGatewayFixture.with(tls: certificates.gateway) { url, ledger in
            // No `ca`: only the system's roots, which never issued the test CA.
            let payments = try Self.client(url: url)
            defer { Task { await payments.http.shutdown() } }
            await #expect {
                try await payments.charge(orderID: "o-untrusted", amountCents: 100)
            } throws: { error in
                guard case PaymentError.unavailable(_, let sent) = error else { return false }
                return !sent
            }
            #expect(await ledger.all().isEmpty)
        }
    }

    @Test func aRefusedConnectionIsNotSentAndARequestCutOffAfterItsHeadIs() async throws {
        let refused = try Self.client(url: "http://127.0.0.1:\(try RefusingPort.free())")
        defer { Task { await refused.http.shutdown() } }
        await #expect {
            try await refused.charge(orderID: "o-1", amountCents: 1)
        } throws: { error in
            guard case PaymentError.unavailable(_, let sent) = error else { return false }
            return !sent
        }
        // A server that reads the request and closes without answering: the gateway may have acted on it.
        let (server, serving) = try await FixedResponseServer.start(answering: "")
        defer {
            serving.cancel()
            server.channel.close(promise: nil)
        }
        let cut = try Self.client(url: "http://127.0.0.1:\(server.port)")
        defer { Task { await cut.http.shutdown() } }
        await #expect {
            try await cut.charge(orderID: "o-2", amountCents: 1)
        } throws: { error in
            guard case PaymentError.unavailable(_, let sent) = error else { return false }
            return sent
        }
    }

    @Test func tlsFilesNeedAnHTTPSGatewayAndAreReadAtStartUp() async throws {
        var plain = OrderServiceConfiguration.testing()
        plain.payments.url = "http://127.0.0.1:8090"
        plain.payments.tls = PaymentsTLSSettings(caPath: "/nonexistent/ca.pem")
        #expect(plain.problems().contains { $0.hasPrefix("payments.tls: set, but payments.url is not https://") })

        var secure = plain
        secure.payments.url = "https://127.0.0.1:8090"
        secure.payments.tls = PaymentsTLSSettings(caPath: "/nonexistent/ca.pem", certificatePath: "/nonexistent/c.pem")
        #expect(secure.problems().contains { $0.hasPrefix("payments.tls.key: required with payments.tls.certificate") })

        secure.payments.tls = PaymentsTLSSettings(caPath: "/nonexistent/ca.pem")
        #expect(secure.problems().isEmpty)
        await #expect {
            _ = try await buildApplication(secure)
        } throws: { error in
            (error as? ConfigurationError)?.problems == ["payments.tls.ca: /nonexistent/ca.pem: no such file"]
        }
    }

    @Test func aKeyOfAnotherCertificateIsNamed() throws {
        let certificates = try Certificates()
        defer { certificates.folder.remove() }
        let stranger = try certificates.authority.issueClientCertificate(commonName: "someone-else")
        let wrongKey = try certificates.folder.write(stranger.privateKeyPEM, to: "wrong-key.pem")
        let tls = PaymentsTLSSettings(
            caPath: certificates.caPath,
            certificatePath: certificates.clientPath,
            keyPath: wrongKey
        )
        #expect {
            _ = try tls.clientConfiguration()
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.count == 1 && problems[0].hasPrefix("payments.tls.key: \(wrongKey): not the private key of")
        }
    }
}
