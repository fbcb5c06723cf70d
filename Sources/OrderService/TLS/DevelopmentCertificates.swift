import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A ready-made set of development certificates on disk: one CA, a server certificate for localhost,
/// 127.0.0.1 and ::1, and a client certificate for mutual TLS (`order-service dev-cert`).
public enum DevelopmentCertificates {
    /// Writes ca.pem, ca-key.pem, server.pem, server-key.pem, client.pem, client-key.pem into `directory` (created if needed), mode 0600 for keys.
    public static func write(to directory: String) throws -> [String] {
        let authority = try DevelopmentCertificateAuthority()
        let server = try authority.issueServerCertificate()
        let client = try authority.issueClientCertificate()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let files: [(name: String, text: String, isKey: Bool)] = [
            ("ca.pem", authority.certificatePEM, false),
            ("ca-key.pem", try authority.privateKeyPEM, true),
            ("server.pem", server.certificatePEM, false),
            ("server-key.pem", server.privateKeyPEM, true),
            ("client.pem", client.certificatePEM, false),
            ("client-key.pem", client.privateKeyPEM, true),
        ]
        return try files.map { file in
            let path = (directory as NSString).appendingPathComponent(file.name)
            try write(file.text, to: path, mode: file.isKey ? 0o600 : 0o644)
            return path
        }
    }

    /// Writes `text` to `path` with `mode`, replacing any file there. A key is never readable by others, not even
    /// for a moment: the file is created with its mode, not changed afterwards.
    private static func write(_ text: String, to path: String, mode: mode_t) throws {
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw DevelopmentCertificateError.cannotWrite(path, String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        // The umask may have narrowed the mode at creation; set it exactly.
        fchmod(descriptor, mode)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            throw DevelopmentCertificateError.cannotWrite(path, "\(error)")
        }
    }
}
