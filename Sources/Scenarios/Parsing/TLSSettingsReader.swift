import Foundation
import Yams

/// Reads a `tls:` block of a scenario or target file, resolving its files against the file's folder.
///
/// Checks here are what a file system can tell (the file exists and is readable, certificate and key come
/// together); whether the PEM parses and the key matches is checked by the generator when it builds its TLS context.
/// A target file that starts processes may have them write its certificates (`order-service dev-cert`): its files
/// may be missing until then, and are checked when the harness builds the TLS context, once the target is ready.
struct TLSSettingsReader {
    static let keys = ["ca", "insecure", "server-name", "certificate", "key"]

    let context: YAMLContext
    let directory: String
    var filesMayBeGenerated = false

    func read(_ node: Node) -> TLSSettings? {
        guard let fields = context.mapping(node, "TLS settings", allowed: Self.keys) else { return nil }
        let insecure = fields["insecure"].flatMap { context.bool($0, "insecure") } ?? false
        let serverName = fields["server-name"].flatMap { context.string($0, "a server name such as api.example.com") }
        let ca = fields["ca"].flatMap { file($0, "a PEM file of CA certificates") }
        let certificate = fields["certificate"].flatMap { file($0, "a PEM client certificate") }
        let key = fields["key"].flatMap { file($0, "a PEM private key") }
        switch (fields["certificate"], fields["key"]) {
        case (.some(let node), nil):
            context.error(node, "a client certificate needs its private key: add \"key\" next to \"certificate\"")
        case (nil, .some(let node)):
            context.error(node, "a private key needs its client certificate: add \"certificate\" next to \"key\"")
        default: break
        }
        if insecure, let node = fields["ca"] {
            context.error(node, "\"ca\" has no effect with \"insecure: true\" (nothing is verified); remove one")
        }
        return TLSSettings(
            ca: ca,
            insecure: insecure,
            serverName: serverName,
            certificate: certificate,
            key: key,
            location: fields.location
        )
    }

    /// A readable file, resolved against the folder of the file being read.
    private func file(_ node: Node, _ what: String) -> FileReference? {
        guard let text = context.string(node, what) else { return nil }
        let path = text.hasPrefix("/") ? text : URL(fileURLWithPath: directory).appendingPathComponent(text).path
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if !exists, filesMayBeGenerated {
            return FileReference(path: URL(fileURLWithPath: path).standardized.path, location: context.location(node))
        }
        guard exists else {
            context.error(node, "cannot read \(path): no such file (expected \(what))")
            return nil
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            context.error(
                node,
                "cannot read \(path): \(isDirectory.boolValue ? "it is a directory" : "permission denied")"
            )
            return nil
        }
        return FileReference(path: URL(fileURLWithPath: path).standardized.path, location: context.location(node))
    }
}
