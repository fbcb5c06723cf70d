/// Which HTTP version the generator speaks (`defaults.http:`).
public enum HTTPVersionPreference: String, Sendable, Equatable, CaseIterable {
    /// HTTP/2 when TLS's ALPN offers it, else HTTP/1.1; plain `http://` stays HTTP/1.1.
    case auto
    /// HTTP/1.1 only, one request at a time per connection.
    case http1 = "1.1"
    /// HTTP/2 only: over TLS by ALPN, or h2c with prior knowledge on an `http://` URL.
    case http2 = "2"
}
