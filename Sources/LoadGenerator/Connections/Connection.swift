import Profiler

/// What a virtual user sends its requests over: its own HTTP/1.1 connection (plain or TLS), or a shared HTTP/2
/// connection whose streams carry many users' requests.
///
/// An enum rather than a protocol, so that sending a request is a switch and never an existential call.
enum Connection {
    case http1(HTTP1Connection)
    case http2(HTTP2Connection)

    /// Whether a request can be sent on it now.
    var isUsable: Bool {
        switch self {
        case .http1(let connection): !connection.isAbandoned
        case .http2(let connection): connection.isUsable
        }
    }
}

/// Why a connection could not be opened: an error kind of the socket, or the reason the TLS handshake failed.
enum OpenFailure: Error {
    case error(ErrorKind)
    case tls(TLSFailureReason)
}

/// A connection just opened, with how it was set up, for the statistics of the request that opened it.
struct OpenedConnection {
    let connection: Connection
    let wireProtocol: ConnectionProtocol
    let connectMicroseconds: UInt64
    let tlsHandshakeMicroseconds: UInt64?
}
