/// The protocol a connection to the target spoke, as negotiated (ALPN) or configured; connections are counted by it.
public enum ConnectionProtocol: String, CaseIterable, Codable, Sendable {
    /// HTTP/1.1 over plain TCP.
    case http1 = "http/1.1"
    /// HTTP/1.1 over TLS.
    case http1OverTLS = "http/1.1+tls"
    /// HTTP/2 over plain TCP (prior knowledge).
    case h2c = "h2c"
    /// HTTP/2 over TLS.
    case h2 = "h2"

    /// A dense index for counters kept in fixed arrays on the hot path.
    public var index: Int {
        switch self {
        case .http1: 0
        case .http1OverTLS: 1
        case .h2c: 2
        case .h2: 3
        }
    }

    /// Whether the connection did a TLS handshake (and so has a handshake time).
    public var usesTLS: Bool {
        switch self {
        case .http1, .h2c: false
        case .http1OverTLS, .h2: true
        }
    }
}
