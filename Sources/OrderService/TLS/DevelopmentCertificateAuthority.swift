import Crypto
import Foundation
import SwiftASN1
import X509

#if canImport(Glibc)
import Glibc
#endif

/// A certificate with its private key, both PEM-encoded, as a TLS server or client loads them.
public struct IssuedCertificate: Sendable {
    /// The certificate (`-----BEGIN CERTIFICATE-----`).
    public let certificatePEM: String
    /// The P-256 private key, PKCS #8 (`-----BEGIN PRIVATE KEY-----`).
    public let privateKeyPEM: String
}

/// A throwaway certificate authority for development and tests: a self-signed P-256 root, held in memory,
/// that issues server and client certificates with any names and validity, so that no one needs openssl.
///
///     CA (CN=commonName, CA:TRUE pathlen 0, keyCertSign)
///      ├── server: SAN DNS names + IP addresses, EKU serverAuth
///      └── client: CN=commonName, EKU clientAuth
///
/// Validity is the caller's choice, so tests can make expired and not-yet-valid certificates, and certificates
/// for a wrong name. Nothing here is fit for production trust: the key lives as long as the value.
public struct DevelopmentCertificateAuthority: Sendable {
    private let certificate: Certificate
    private let key: Certificate.PrivateKey
    private let keyIdentifier: ArraySlice<UInt8>

    /// Makes a new root with a fresh P-256 key, valid from an hour ago for ten years.
    public init(commonName: String = "Ordeal development CA") throws {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let name = try DistinguishedName { CommonName(commonName) }
        let keyIdentifier = Self.keyIdentifier(of: key.publicKey)
        let now = Date()
        certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: now - 3600,
            notValidAfter: now + 10 * 365 * 86400,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(keyIdentifier: keyIdentifier)
            },
            issuerPrivateKey: key
        )
        self.key = key
        self.keyIdentifier = keyIdentifier
    }

    /// The root certificate, PEM-encoded: what a client trusts (or a server trusts for client certificates).
    public var certificatePEM: String {
        // Serialising a certificate this type built cannot fail; a failure would be a bug in swift-certificates.
        try! certificate.serializeAsPEM().pemString
    }

    /// The root's private key, PEM-encoded (PKCS #8); only `DevelopmentCertificates.write` hands it out.
    var privateKeyPEM: String {
        get throws { try key.serializeAsPEM().pemString }
    }

    /// Issues a server certificate for the given names (subjectAltName DNS and IP entries, EKU serverAuth).
    ///
    /// - Parameter ipAddresses: IPv4 or IPv6 literals; anything else throws ``DevelopmentCertificateError``.
    public func issueServerCertificate(
        dnsNames: [String] = ["localhost"],
        ipAddresses: [String] = ["127.0.0.1", "::1"],
        notValidBefore: Date = Date() - 3600,
        notValidAfter: Date = Date() + 30 * 86400
    ) throws -> IssuedCertificate {
        let addresses = try ipAddresses.map { literal in
            guard let bytes = Self.addressBytes(literal) else {
                throw DevelopmentCertificateError.invalidIPAddress(literal)
            }
            return GeneralName.ipAddress(ASN1OctetString(contentBytes: bytes[...]))
        }
        let names = dnsNames.map(GeneralName.dnsName) + addresses
        guard !names.isEmpty else { throw DevelopmentCertificateError.noNames }
        return try issue(
            commonName: dnsNames.first ?? ipAddresses[0],
            usage: .serverAuth,
            alternativeNames: names,
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter
        )
    }

    /// Issues a client certificate (EKU clientAuth) whose subject is `CN=commonName`, for mutual TLS.
    public func issueClientCertificate(
        commonName: String = "ordeal-client",
        notValidBefore: Date = Date() - 3600,
        notValidAfter: Date = Date() + 30 * 86400
    ) throws -> IssuedCertificate {
        try issue(
            commonName: commonName,
            usage: .clientAuth,
            alternativeNames: [],
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter
        )
    }

    private func issue(
        commonName: String,
        usage: ExtendedKeyUsage.Usage,
        alternativeNames: [GeneralName],
        notValidBefore: Date,
        notValidAfter: Date
    ) throws -> IssuedCertificate {
        let leafKey = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(leafKey.publicKey)
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([usage])
            SubjectKeyIdentifier(keyIdentifier: Self.keyIdentifier(of: publicKey))
            AuthorityKeyIdentifier(keyIdentifier: keyIdentifier)
            if !alternativeNames.isEmpty { SubjectAlternativeNames(alternativeNames) }
        }
        let leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter,
            issuer: certificate.subject,
            subject: try DistinguishedName { CommonName(commonName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: key
        )
        return IssuedCertificate(
            certificatePEM: try leaf.serializeAsPEM().pemString,
            privateKeyPEM: leafKey.pemRepresentation
        )
    }

    /// The SHA-1 of the public key's subjectPublicKeyInfo, the usual key identifier (RFC 5280 §4.2.1.2).
    private static func keyIdentifier(of publicKey: Certificate.PublicKey) -> ArraySlice<UInt8> {
        var serializer = DER.Serializer()
        // A public key from swift-crypto always serialises.
        try! serializer.serialize(publicKey)
        return ArraySlice(Insecure.SHA1.hash(data: serializer.serializedBytes))
    }

    /// The 4 or 16 network-order bytes of an IP literal, or nil when it is not one.
    private static func addressBytes(_ literal: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

/// What the development certificate authority refuses to issue.
public enum DevelopmentCertificateError: Error, Equatable, CustomStringConvertible {
    /// An entry of `ipAddresses` is not an IPv4 or IPv6 literal.
    case invalidIPAddress(String)
    /// A server certificate was asked for with neither DNS names nor IP addresses.
    case noNames
    /// A file could not be written: its path and why.
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .invalidIPAddress(let literal): "'\(literal)' is not an IPv4 or IPv6 address"
        case .noNames: "a server certificate needs at least one DNS name or IP address"
        case .cannotWrite(let path, let reason): "\(path): cannot write (\(reason))"
        }
    }
}
