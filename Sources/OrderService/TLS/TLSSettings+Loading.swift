import Foundation
import NIOSSL

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
        let identity = PEMFile.identity(
            certificate: ("http.tls.certificate", certificatePath),
            key: ("http.tls.key", keyPath),
            into: &problems
        )
        let clientCAs = clientCAPath.flatMap {
            PEMFile.load("http.tls.clientCA", $0, into: &problems, PEMFile.certificates)
        }
        guard problems.isEmpty, let identity else { throw ConfigurationError(problems: problems) }

        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: identity.chain.map { .certificate($0) },
            privateKey: .privateKey(identity.key)
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
}
