import Foundation
import NIOSSL
import OrderService

/// Certificates for TLS tests, issued in-process by a throwaway CA and written as PEM files into a temporary folder:
/// a good server certificate for 127.0.0.1 and localhost, one for another name, an expired one, one not yet valid,
/// and a client certificate; plus a second, unrelated CA.
public struct TestCertificates: Sendable {
    public let folder: TemporaryFolder
    /// The CA's certificate, to trust.
    public let caFile: String
    /// A CA nobody issued these certificates with.
    public let otherCAFile: String
    public let serverCertificateFile: String
    public let serverKeyFile: String
    public let clientCertificateFile: String
    public let clientKeyFile: String
    /// A client certificate issued by the other CA (refused by a server trusting only the first).
    public let foreignClientCertificateFile: String
    public let foreignClientKeyFile: String
    let authority: DevelopmentCertificateAuthority

    public init() throws {
        folder = try TemporaryFolder(prefix: "ordeal-certs")
        authority = try DevelopmentCertificateAuthority(commonName: "Ordeal test CA")
        let other = try DevelopmentCertificateAuthority(commonName: "Unrelated CA")
        caFile = try folder.write(authority.certificatePEM, to: "ca.pem")
        otherCAFile = try folder.write(other.certificatePEM, to: "other-ca.pem")
        let server = try authority.issueServerCertificate()
        serverCertificateFile = try folder.write(server.certificatePEM, to: "server.pem")
        serverKeyFile = try folder.write(server.privateKeyPEM, to: "server-key.pem")
        let client = try authority.issueClientCertificate()
        clientCertificateFile = try folder.write(client.certificatePEM, to: "client.pem")
        clientKeyFile = try folder.write(client.privateKeyPEM, to: "client-key.pem")
        let foreign = try other.issueClientCertificate()
        foreignClientCertificateFile = try folder.write(foreign.certificatePEM, to: "foreign-client.pem")
        foreignClientKeyFile = try folder.write(foreign.privateKeyPEM, to: "foreign-client-key.pem")
    }

    /// Which server certificate a test server presents.
    public enum ServerIdentity: Sendable {
        case valid
        case wrongName
        case expired
        case notYetValid
    }

    /// A server configuration presenting `identity`; with `requireClientCertificate`, clients must present a
    /// certificate from the test CA.
    public func serverConfiguration(
        _ identity: ServerIdentity = .valid,
        requireClientCertificate: Bool = false
    ) throws -> TLSConfiguration {
        let issued: IssuedCertificate
        let now = Date()
        switch identity {
        case .valid: issued = try authority.issueServerCertificate()
        case .wrongName:
            issued = try authority.issueServerCertificate(dnsNames: ["elsewhere.example"], ipAddresses: ["10.9.9.9"])
        case .expired:
            issued = try authority.issueServerCertificate(notValidBefore: now - 7200, notValidAfter: now - 3600)
        case .notYetValid:
            issued = try authority.issueServerCertificate(notValidBefore: now + 3600, notValidAfter: now + 7200)
        }
        let certificate = try NIOSSLCertificate(bytes: Array(issued.certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(issued.privateKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate)],
            privateKey: .privateKey(key)
        )
        if requireClientCertificate {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates([
                try NIOSSLCertificate(bytes: Array(authority.certificatePEM.utf8), format: .pem)
            ])
        }
        return configuration
    }

    public func remove() { folder.remove() }
}
