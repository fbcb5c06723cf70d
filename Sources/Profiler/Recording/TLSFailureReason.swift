/// Why a TLS handshake with the target failed, counted per request name so that a report says *what* to fix.
///
/// The first five are the server's certificate being refused (``ErrorKind/certificate``); the others are the
/// handshake itself failing (``ErrorKind/tlsHandshake``).
public enum TLSFailureReason: String, CaseIterable, Codable, Sendable {
    /// The certificate chain does not lead to a trusted CA.
    case unknownAuthority = "unknown-ca"
    /// The certificate is not valid for the host name asked for.
    case nameMismatch = "name-mismatch"
    /// The certificate's validity ended.
    case expired
    /// The certificate's validity has not begun.
    case notYetValid = "not-yet-valid"
    /// The certificate could not be parsed or its signature is wrong.
    case badCertificate = "bad-certificate"
    /// Client and server share no TLS version.
    case protocolVersion = "protocol-version"
    /// The server ended the handshake with an alert, for example because it wanted a client certificate.
    case rejectedByPeer = "rejected-by-peer"
    /// What answered was not TLS (a plain HTTP server, for example).
    case notTLS = "not-tls"
    /// Anything else: kept apart so that it is still counted, never dropped.
    case other

    /// The error the failed request is counted under.
    public var errorKind: ErrorKind {
        switch self {
        case .unknownAuthority, .nameMismatch, .expired, .notYetValid, .badCertificate: .certificate
        case .protocolVersion, .rejectedByPeer, .notTLS, .other: .tlsHandshake
        }
    }

    /// A dense index for counters kept in fixed arrays on the hot path.
    public var index: Int {
        switch self {
        case .unknownAuthority: 0
        case .nameMismatch: 1
        case .expired: 2
        case .notYetValid: 3
        case .badCertificate: 4
        case .protocolVersion: 5
        case .rejectedByPeer: 6
        case .notTLS: 7
        case .other: 8
        }
    }

    /// The reason in plain English, for the console and the reports.
    public var explanation: String {
        switch self {
        case .unknownAuthority: "unknown CA"
        case .nameMismatch: "name mismatch"
        case .expired: "expired certificate"
        case .notYetValid: "certificate not yet valid"
        case .badCertificate: "bad certificate"
        case .protocolVersion: "no common TLS version"
        case .rejectedByPeer: "the server refused the handshake (client certificate?)"
        case .notTLS: "the server does not speak TLS"
        case .other: "other"
        }
    }
}
