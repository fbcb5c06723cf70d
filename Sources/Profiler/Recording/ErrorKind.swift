/// Why a request did not produce a usable response, as counted per request name and shown in reports.
public enum ErrorKind: String, CaseIterable, Codable, Sendable {
    /// The target refused the TCP connection (nothing listens, or it is overloaded).
    case connectRefused = "connect-refused"
    /// The TCP connection could not be set up in time.
    case connectTimeout = "connect-timeout"
    /// No complete response arrived within the request timeout.
    case timeout
    /// The connection was reset or closed before the response was complete.
    case reset
    /// The bytes that came back were not a valid HTTP response.
    case malformedResponse = "malformed-response"
    /// A response arrived but a check of the scenario did not hold (status, header, body, JSON value).
    case checkFailed = "check-failed"
    /// A value to capture or a template variable was missing, so the request could not be built.
    case missingValue = "missing-value"
    /// The TLS handshake failed for a reason other than the server's certificate: no common protocol version, an
    /// alert from the peer (a refused client certificate), a plain HTTP server answering; see ``TLSFailureReason``.
    case tlsHandshake = "tls-handshake"
    /// The server's certificate was refused: unknown CA, name mismatch, expired or not yet valid, malformed.
    case certificate
    /// HTTP/2: the server reset the request's stream (RST_STREAM).
    case streamReset = "stream-reset"
    /// HTTP/2: the stream was refused by a GOAWAY below its id, or the connection went away with it in flight.
    case goAway = "goaway"
    /// Anything else: kept apart so that it is still counted, never dropped.
    case other

    /// A dense index for counters kept in fixed arrays on the hot path.
    public var index: Int {
        switch self {
        case .connectRefused: 0
        case .connectTimeout: 1
        case .timeout: 2
        case .reset: 3
        case .malformedResponse: 4
        case .checkFailed: 5
        case .missingValue: 6
        case .tlsHandshake: 7
        case .certificate: 8
        case .streamReset: 9
        case .goAway: 10
        case .other: 11
        }
    }
}
