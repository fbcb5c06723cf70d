import Foundation
import SwiftASN1
import TestSupport
import Testing
import X509

@testable import OrderService

/// The development CA's certificates, read back with swift-certificates.
@Suite struct DevelopmentCertificateAuthorityTests {
    @Test func theRootIsASelfSignedCA() throws {
        let authority = try DevelopmentCertificateAuthority(commonName: "Test CA")
        let root = try Certificate(pemEncoded: authority.certificatePEM)
        #expect(root.subject == root.issuer)
        #expect(root.subject.description == "CN=Test CA")
        #expect(try root.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect(try root.extensions.keyUsage?.keyCertSign == true)
        #expect(root.publicKey.isValidSignature(root.signature, for: root))
    }

    @Test func aServerCertificateCarriesItsNamesUsageAndValidity() throws {
        let authority = try DevelopmentCertificateAuthority()
        let root = try Certificate(pemEncoded: authority.certificatePEM)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let end = start + 7 * 86400
        let issued = try authority.issueServerCertificate(
            dnsNames: ["localhost", "orders.test"],
            ipAddresses: ["127.0.0.1", "::1"],
            notValidBefore: start,
            notValidAfter: end
        )
        let server = try Certificate(pemEncoded: issued.certificatePEM)
        #expect(server.issuer == root.subject)
        #expect(root.publicKey.isValidSignature(server.signature, for: server))
        #expect(server.notValidBefore == start && server.notValidAfter == end)
        #expect(
            try server.extensions.subjectAlternativeNames
                == SubjectAlternativeNames([
                    .dnsName("localhost"), .dnsName("orders.test"),
                    .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                    .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
                ])
        )
        #expect(try server.extensions.extendedKeyUsage == ExtendedKeyUsage([.serverAuth]))
        #expect(try server.extensions.basicConstraints == .notCertificateAuthority)
        let key = try Certificate.PrivateKey(pemEncoded: issued.privateKeyPEM)
        #expect(key.publicKey == server.publicKey)
        #expect(issued.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test func aClientCertificateIsForClientAuthentication() throws {
        let authority = try DevelopmentCertificateAuthority()
        let issued = try authority.issueClientCertificate(commonName: "load-generator")
        let client = try Certificate(pemEncoded: issued.certificatePEM)
        #expect(client.subject.description == "CN=load-generator")
        #expect(try client.extensions.extendedKeyUsage == ExtendedKeyUsage([.clientAuth]))
        #expect(try client.extensions.subjectAlternativeNames == nil)
        #expect(client.notValidBefore < Date() && Date() + 29 * 86400 < client.notValidAfter)
    }

    @Test func eachCAHasItsOwnKey() throws {
        let first = try Certificate(pemEncoded: try DevelopmentCertificateAuthority().certificatePEM)
        let second = try Certificate(pemEncoded: try DevelopmentCertificateAuthority().certificatePEM)
        #expect(first.publicKey != second.publicKey)
    }

    @Test func anIPAddressThatIsNotOneIsRefused() throws {
        let authority = try DevelopmentCertificateAuthority()
        #expect(throws: DevelopmentCertificateError.invalidIPAddress("localhost")) {
            try authority.issueServerCertificate(ipAddresses: ["localhost"])
        }
        #expect(throws: DevelopmentCertificateError.noNames) {
            try authority.issueServerCertificate(dnsNames: [], ipAddresses: [])
        }
    }

    @Test func theDevelopmentSetIsWrittenWithPrivateKeys() throws {
        let folder = try TemporaryFolder(prefix: "order-service-dev-cert")
        defer { folder.remove() }
        let directory = folder.file("nested/certs")
        let paths = try DevelopmentCertificates.write(to: directory)
        let names = ["ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "client.pem", "client-key.pem"]
        #expect(paths == names.map { directory + "/" + $0 })
        for path in paths {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == (path.hasSuffix("-key.pem") ? 0o600 : 0o644), "\(path)")
        }
        let read = { (name: String) in try String(contentsOfFile: directory + "/" + name, encoding: .utf8) }
        let root = try Certificate(pemEncoded: try read("ca.pem"))
        for (certificate, key) in [("server.pem", "server-key.pem"), ("client.pem", "client-key.pem")] {
            let leaf = try Certificate(pemEncoded: try read(certificate))
            #expect(root.publicKey.isValidSignature(leaf.signature, for: leaf))
            #expect(try Certificate.PrivateKey(pemEncoded: try read(key)).publicKey == leaf.publicKey)
        }
        #expect(try Certificate.PrivateKey(pemEncoded: try read("ca-key.pem")).publicKey == root.publicKey)
        // Written again, the set is replaced, keys still private.
        _ = try DevelopmentCertificates.write(to: directory)
        #expect(try Certificate(pemEncoded: try read("ca.pem")) != root)
    }
}
