import ArgumentParser
import Foundation
import OrderService

/// `order-service dev-cert`: writes a throwaway CA with a server and a client certificate, no openssl needed.
struct DevCertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-cert",
        abstract: "Write a development CA, a server certificate and a client certificate (PEM) into a folder.",
        discussion: """
            The server certificate is for localhost, 127.0.0.1 and ::1, valid 30 days; the client certificate
            (CN=ordeal-client) is for mutual TLS. Keys are written with mode 0600. Existing files are replaced.
            Then: order-service serve --tls-cert DIR/server.pem --tls-key DIR/server-key.pem [--tls-client-ca DIR/ca.pem]
            Exits 74 when the files cannot be written.
            """
    )

    @Option(help: "The folder to write into (created if needed).")
    var out: String

    func run() throws {
        do {
            for path in try DevelopmentCertificates.write(to: out) { print(path) }
        } catch {
            FileHandle.standardError.write(Data("order-service dev-cert: \(error)\n".utf8))
            throw ExitCode(74)  // an output file cannot be written, as `ordeal` says it
        }
    }
}
