import Foundation
import TestSupport
import Testing

@testable import OrderService

/// HTTPS, HTTP/2 by ALPN and mutual TLS, over real sockets on 127.0.0.1 with certificates from an in-process CA.
@Suite struct TLSTests {
    @Test(arguments: [
        (["h2", "http/1.1"], "h2"),
        (["http/1.1"], "http/1.1"),
    ])
    func healthIsServedOverTheProtocolTheClientOffers(offered: [String], negotiated: String) async throws {
        let fixture = try TLSServiceFixture()
        defer { fixture.folder.remove() }
        let authority = fixture.authority
        let response = try await TLSServiceFixture.serve(try fixture.settings()) { port in
            try await TLSProbe.get(
                port: port,
                path: "/health",
                trustRootsPEM: authority.certificatePEM,
                applicationProtocols: offered
            )
        }
        #expect(response.status == 200)
        #expect(response.negotiatedProtocol == negotiated)
        #expect(response.body == #"{"status":"ok"}"#)
    }

    @Test func theCertificateNamesTheLoopbackAddressToo() async throws {
        let fixture = try TLSServiceFixture()
        defer { fixture.folder.remove() }
        let authority = fixture.authority
        let response = try await TLSServiceFixture.serve(try fixture.settings()) { port in
            // No server name: the certificate's IP addresses are checked against the connected 127.0.0.1.
            try await TLSProbe.get(port: port, path: "/ready", trustRootsPEM: authority.certificatePEM, serverName: nil)
        }
        #expect(response.status == 200)
    }

    @Test func mutualTLSAcceptsAClientCertificateFromTheCA() async throws {
        let fixture = try TLSServiceFixture()
        defer { fixture.folder.remove() }
        let authority = fixture.authority
        let client = try authority.issueClientCertificate()
        let response = try await TLSServiceFixture.serve(try fixture.settings(clientCA: authority.certificatePEM)) {
            port in
            try await TLSProbe.get(
                port: port,
                path: "/health",
                trustRootsPEM: authority.certificatePEM,
                clientCertificatePEM: client.certificatePEM,
                clientKeyPEM: client.privateKeyPEM
            )
        }
        #expect(response.status == 200)
        #expect(response.negotiatedProtocol == "h2")
    }

    @Test(arguments: ["none", "another CA"])
    func mutualTLSRefusesAClientWithoutACertificateFromTheCA(client: String) async throws {
        let fixture = try TLSServiceFixture()
        defer { fixture.folder.remove() }
        let authority = fixture.authority
        let stranger = try DevelopmentCertificateAuthority(commonName: "Someone else's CA").issueClientCertificate()
        let certificate = client == "none" ? nil : stranger
        try await TLSServiceFixture.serve(try fixture.settings(clientCA: authority.certificatePEM)) { port in
            let refusal = await #expect(throws: (any Error).self) {
                try await TLSProbe.get(
                    port: port,
                    path: "/health",
                    trustRootsPEM: authority.certificatePEM,
                    clientCertificatePEM: certificate?.certificatePEM,
                    clientKeyPEM: certificate?.privateKeyPEM
                )
            }
            #expect(refusal.map { "\($0)".contains("no response within") } == false, "a refusal, not a timeout")
            // The refusal is per connection: a client with the right certificate still gets in.
            let good = try authority.issueClientCertificate()
            let response = try await TLSProbe.get(
                port: port,
                path: "/health",
                trustRootsPEM: authority.certificatePEM,
                clientCertificatePEM: good.certificatePEM,
                clientKeyPEM: good.privateKeyPEM
            )
            #expect(response.status == 200)
        }
    }

    /// The CA's validity and names are real: a client refuses an expired, a not-yet-valid and a wrongly named
    /// server certificate.
    @Test(arguments: ["expired", "not yet valid", "wrong name"])
    func aClientRefusesABadServerCertificate(kind: String) async throws {
        let authority = try DevelopmentCertificateAuthority()
        let day: TimeInterval = 86400
        let server =
            switch kind {
            case "expired":
                try authority.issueServerCertificate(notValidBefore: Date() - 30 * day, notValidAfter: Date() - day)
            case "not yet valid":
                try authority.issueServerCertificate(notValidBefore: Date() + day, notValidAfter: Date() + 30 * day)
            default:
                try authority.issueServerCertificate(dnsNames: ["wrong.example"], ipAddresses: ["192.0.2.1"])
            }
        let folder = try TemporaryFolder(prefix: "order-service-tls")
        defer { folder.remove() }
        let tls = TLSSettings(
            certificatePath: try folder.write(server.certificatePEM, to: "server.pem"),
            keyPath: try folder.write(server.privateKeyPEM, to: "server-key.pem")
        )
        let refusal = try await TLSServiceFixture.serve(tls) { port in
            await #expect(throws: (any Error).self) {
                try await TLSProbe.get(port: port, path: "/health", trustRootsPEM: authority.certificatePEM)
            }
        }
        #expect(refusal.map { "\($0)".contains("no response within") } == false, "a refusal, not a timeout")
    }

    @Test func aKeyThatDoesNotMatchTheCertificateIsRefusedAtStartUp() async throws {
        let fixture = try TLSServiceFixture()
        defer { fixture.folder.remove() }
        let otherKey = try fixture.folder.write(
            try fixture.authority.issueServerCertificate().privateKeyPEM,
            to: "other-key.pem"
        )
        var configuration = OrderServiceConfiguration.testing()
        configuration.http.tls = TLSSettings(certificatePath: fixture.certificatePath, keyPath: otherKey)
        let error = try await #require(throws: ConfigurationError.self) {
            _ = try await buildApplication(configuration)
        }
        #expect(
            error.problems == [
                "http.tls.key: \(otherKey): not the private key of the certificate in \(fixture.certificatePath) "
                    + "(CN=localhost)"
            ]
        )
    }

    @Test func unreadableAndMalformedFilesAreNamedWithWhatIsWrong() async throws {
        let folder = try TemporaryFolder(prefix: "order-service-tls")
        defer { folder.remove() }
        let garbage = try folder.write("not a certificate\n", to: "garbage.pem")
        let missing = folder.file("missing-key.pem")
        var configuration = OrderServiceConfiguration.testing()
        configuration.http.tls = TLSSettings(certificatePath: garbage, keyPath: missing, clientCAPath: folder.path)
        let error = try await #require(throws: ConfigurationError.self) {
            _ = try await buildApplication(configuration)
        }
        #expect(
            error.problems == [
                "http.tls.certificate: \(garbage): no valid PEM certificate in it",
                "http.tls.key: \(missing): no such file",
                "http.tls.clientCA: \(folder.path): is a directory, expected a PEM file",
            ]
        )
    }

    @Test(arguments: [
        (
            TLSSettings(certificatePath: "server.pem"),
            "http.tls.key: required with http.tls.certificate (server.pem); give both or neither"
        ),
        (
            TLSSettings(keyPath: "server-key.pem"),
            "http.tls.certificate: required with http.tls.key (server-key.pem); give both or neither"
        ),
        (
            TLSSettings(clientCAPath: "ca.pem"),
            "http.tls.clientCA: needs http.tls.certificate and http.tls.key (mutual TLS is HTTPS)"
        ),
    ])
    func halfATLSConfigurationIsAProblem(tls: TLSSettings, problem: String) {
        let configuration = OrderServiceConfiguration(http: HTTPSettings(tls: tls))
        #expect(configuration.problems() == [problem])
    }

    @Test func theTLSFilesComeFromYAMLOverriddenByTheEnvironment() async throws {
        let folder = try TemporaryFolder(prefix: "order-service-tls")
        defer { folder.remove() }
        let file = try folder.write(
            """
            http:
              tls:
                certificate: yaml-server.pem
                key: yaml-server-key.pem
                clientCA: yaml-ca.pem
            """,
            to: "config.yaml"
        )
        let fromYAML = try await OrderServiceConfiguration.load(file: file, environment: [:])
        #expect(
            fromYAML.http.tls
                == TLSSettings(
                    certificatePath: "yaml-server.pem",
                    keyPath: "yaml-server-key.pem",
                    clientCAPath: "yaml-ca.pem"
                )
        )
        let fromEnvironment = try await OrderServiceConfiguration.load(
            file: file,
            environment: [
                "ORDERPROCESSING_HTTP_TLS_CERTIFICATE": "env-server.pem",
                "ORDERPROCESSING_HTTP_TLS_KEY": "env-server-key.pem",
                "ORDERPROCESSING_HTTP_TLS_CLIENT_CA": "env-ca.pem",
            ]
        )
        #expect(
            fromEnvironment.http.tls
                == TLSSettings(
                    certificatePath: "env-server.pem",
                    keyPath: "env-server-key.pem",
                    clientCAPath: "env-ca.pem"
                )
        )
    }
}
