/// HTTPS to the payments gateway (`payments.tls.*`): the CAs trusted for the gateway's certificate besides the
/// system's, and the client certificate the service presents when the gateway requires mutual TLS.
public struct PaymentsTLSSettings: Sendable, Equatable {
    /// PEM file of CAs trusted in addition to the system store (`payments.tls.ca`).
    public var caPath: String?
    /// PEM file of the client certificate presented to the gateway (`payments.tls.certificate`).
    public var certificatePath: String?
    /// PEM file of the client certificate's private key (`payments.tls.key`).
    public var keyPath: String?

    public init(caPath: String? = nil, certificatePath: String? = nil, keyPath: String? = nil) {
        self.caPath = caPath
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }

    /// Whether any of the files is set.
    public var isSet: Bool { caPath != nil || certificatePath != nil || keyPath != nil }

    func problems(scheme: String?) -> [String] {
        var problems: [String] = []
        for (key, path) in [("ca", caPath), ("certificate", certificatePath), ("key", keyPath)]
        where path?.isEmpty == true {
            problems.append("payments.tls.\(key): must not be empty")
        }
        switch (certificatePath, keyPath) {
        case (let certificate?, nil):
            problems.append("payments.tls.key: required with payments.tls.certificate (\(certificate))")
        case (nil, let key?):
            problems.append("payments.tls.certificate: required with payments.tls.key (\(key))")
        default:
            break
        }
        if isSet && scheme != "https" {
            problems.append("payments.tls: set, but payments.url is not https://; TLS files need an https gateway")
        }
        return problems
    }
}
