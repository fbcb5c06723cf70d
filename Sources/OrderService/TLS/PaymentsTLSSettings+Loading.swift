import NIOSSL

extension PaymentsTLSSettings {
    /// The client TLS configuration for an https gateway: certificates verified (against the system store plus
    /// `ca`), the client certificate presented when one is set. Every file problem names its setting and file.
    func clientConfiguration() throws(ConfigurationError) -> TLSConfiguration {
        var problems: [String] = []
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caPath, let roots = PEMFile.load("payments.tls.ca", caPath, into: &problems, PEMFile.certificates) {
            configuration.additionalTrustRoots = [.certificates(roots)]
        }
        if let certificatePath, let keyPath,
            let identity = PEMFile.identity(
                certificate: ("payments.tls.certificate", certificatePath),
                key: ("payments.tls.key", keyPath),
                into: &problems
            )
        {
            configuration.certificateChain = identity.chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(identity.key)
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw ConfigurationError(problems: ["payments.tls: refused by the TLS library (\(error))"])
        }
        return configuration
    }
}
