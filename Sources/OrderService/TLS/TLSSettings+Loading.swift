import Foundation
import NIOSSL
import SwiftASN1
import X509

extension TLSSettings {
    /// Reads the certificate, key and client CA files into a server TLS configuration, or nil without TLS.
    ///
    /// Every problem names the setting and the file, and says what is wrong with it: missing, unreadable, not PEM,
    /// or a key that does not belong to the certificate. The TLS context is built once here, so that nothing the
    /// files could hold surfaces only when the first client connects.
    func serverConfiguration() throws(ConfigurationError) -> TLSConfiguration? {
        let settingProblems = problems()
        if !settingProblems.isEmpty { throw ConfigurationError(problems: settingProblems) }
        guard let certificatePath, let keyPath else { return nil }
        var problems: [String] = []
        func load<Value>(_ key: String, _ path: String, _ parse: ([UInt8]) throws -> Value) -> Value? {
            do {
                return try parse(try Self.read(path))
            } catch {
                problems.append("http.tls.\(key): \(path): \(error)")
                return nil
            }
        }
        let chain = load("certificate", certificatePath, Self.certificates)
        let key = load("key", keyPath) { bytes in
            do {
                return (try NIOSSLPrivateKey(bytes: bytes, format: .pem), bytes)
            } catch {
                throw Problem("not a PEM private key (encrypted keys are not supported)")
            }
        }
        let clientCAs = clientCAPath.flatMap { load("clientCA", $0, Self.certificates) }
        if let chain, let key, let subject = Self.mismatch(chain[0], keyPEM: key.1) {
            problems.append(
                "http.tls.key: \(keyPath): not the private key of the certificate in \(certificatePath) (\(subject))"
            )
        }
        guard problems.isEmpty, let chain, let key else { throw ConfigurationError(problems: problems) }

        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key.0)
        )
        configuration.minimumTLSVersion = .tlsv12
        if let clientCAs {
            // Verifies the client's chain up to these CAs, and refuses a handshake without a client certificate.
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(clientCAs)
            configuration.sendCANameList = true
        }
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw ConfigurationError(problems: [
                "http.tls: \(certificatePath) and \(keyPath) were refused by the TLS library (\(error))"
            ])
        }
        return configuration
    }

    /// The certificates of a PEM file, at least one.
    private static func certificates(_ bytes: [UInt8]) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw Problem("no valid PEM certificate in it")
        }
        guard !certificates.isEmpty else { throw Problem("no valid PEM certificate in it") }
        return certificates
    }

    /// The leaf certificate's subject when the key does not belong to it; nil when it does (or when
    /// swift-certificates cannot parse the key, leaving the check to BoringSSL when the context is built).
    private static func mismatch(_ leaf: NIOSSLCertificate, keyPEM: [UInt8]) -> String? {
        guard let certificate = try? Certificate(derEncoded: leaf.toDERBytes()),
            let key = try? Certificate.PrivateKey(pemEncoded: String(decoding: keyPEM, as: UTF8.self))
        else { return nil }
        return key.publicKey == certificate.publicKey ? nil : "\(certificate.subject)"
    }

    /// The file's bytes, or a problem saying why they cannot be had.
    private static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Problem("no such file")
        }
        if isDirectory.boolValue { throw Problem("is a directory, expected a PEM file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem("cannot be read (permission denied?)")
        }
        return Array(data)
    }
}

/// One sentence about what is wrong with a file.
private struct Problem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
