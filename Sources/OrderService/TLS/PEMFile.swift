import Foundation
import NIOSSL
import SwiftASN1
import X509

/// Reading the PEM files of a TLS setting (the server's, or the payments client's), each failure one sentence
/// saying what is wrong with the file, so that a setting's problem names the file and the reason together.
enum PEMFile {
    /// One sentence about what is wrong with a file.
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// What `read` makes of the file at `path`, or nil with "SETTING: PATH: reason" added to `problems`.
    static func load<Value>(
        _ setting: String,
        _ path: String,
        into problems: inout [String],
        _ read: (String) throws -> Value
    ) -> Value? {
        do {
            return try read(path)
        } catch {
            problems.append("\(setting): \(path): \(error)")
            return nil
        }
    }

    /// A certificate chain and the private key of its leaf, or nil with every problem of either file (a key of
    /// another certificate included) added to `problems`.
    static func identity(
        certificate: (setting: String, path: String),
        key: (setting: String, path: String),
        into problems: inout [String]
    ) -> (chain: [NIOSSLCertificate], key: NIOSSLPrivateKey)? {
        let chain = load(certificate.setting, certificate.path, into: &problems, certificates)
        let privateKey = load(key.setting, key.path, into: &problems, Self.privateKey)
        guard let chain, let privateKey else { return nil }
        if let subject = mismatch(chain[0], keyPEM: privateKey.pem) {
            problems.append(
                "\(key.setting): \(key.path): not the private key of the certificate in \(certificate.path) (\(subject))"
            )
            return nil
        }
        return (chain, privateKey.key)
    }

    /// The certificates of a PEM file, at least one.
    static func certificates(at path: String) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(try read(path))
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem("no valid PEM certificate in it")
        }
        guard !certificates.isEmpty else { throw Problem("no valid PEM certificate in it") }
        return certificates
    }

    /// The private key of a PEM file, with the file's bytes for the certificate match.
    static func privateKey(at path: String) throws -> (key: NIOSSLPrivateKey, pem: [UInt8]) {
        let bytes = try read(path)
        do {
            return (try NIOSSLPrivateKey(bytes: bytes, format: .pem), bytes)
        } catch {
            throw Problem("not a PEM private key (encrypted keys are not supported)")
        }
    }

    /// The leaf certificate's subject when the key does not belong to it; nil when it does (or when
    /// swift-certificates cannot parse the key, leaving the check to BoringSSL when the context is built).
    static func mismatch(_ leaf: NIOSSLCertificate, keyPEM: [UInt8]) -> String? {
        guard let certificate = try? Certificate(derEncoded: leaf.toDERBytes()),
            let key = try? Certificate.PrivateKey(pemEncoded: String(decoding: keyPEM, as: UTF8.self))
        else { return nil }
        return key.publicKey == certificate.publicKey ? nil : "\(certificate.subject)"
    }

    /// The file's bytes, or a problem saying why they cannot be had.
    static func read(_ path: String) throws -> [UInt8] {
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
