/// HTTPS for the order service: a certificate and its key turn it on (HTTP/2 and HTTP/1.1 by ALPN); a client CA
/// also requires every client to present a certificate it issued (mutual TLS). All nil: plain HTTP, as before.
public struct TLSSettings: Sendable, Equatable {
    /// The PEM file of the server certificate, optionally followed by its intermediates (`http.tls.certificate`).
    public var certificatePath: String?
    /// The PEM file of the certificate's private key (`http.tls.key`).
    public var keyPath: String?
    /// The PEM file of the CA(s) whose client certificates are accepted (`http.tls.clientCA`); nil accepts any
    /// client without a certificate.
    public var clientCAPath: String?

    public init(certificatePath: String? = nil, keyPath: String? = nil, clientCAPath: String? = nil) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.clientCAPath = clientCAPath
    }

    /// Whether the service serves HTTPS (a certificate or a key was given; `problems()` insists on both).
    public var isEnabled: Bool { certificatePath != nil || keyPath != nil }

    /// What is wrong with the settings themselves, before any file is read; empty when they are consistent.
    func problems() -> [String] {
        var problems: [String] = []
        for (key, path) in [("certificate", certificatePath), ("key", keyPath), ("clientCA", clientCAPath)]
        where path?.isEmpty == true {
            problems.append("http.tls.\(key): must not be empty")
        }
        switch (certificatePath, keyPath) {
        case (let certificate?, nil):
            problems.append("http.tls.key: required with http.tls.certificate (\(certificate)); give both or neither")
        case (nil, let key?):
            problems.append("http.tls.certificate: required with http.tls.key (\(key)); give both or neither")
        case (nil, nil) where clientCAPath != nil:
            problems.append("http.tls.clientCA: needs http.tls.certificate and http.tls.key (mutual TLS is HTTPS)")
        default:
            break
        }
        return problems
    }
}
