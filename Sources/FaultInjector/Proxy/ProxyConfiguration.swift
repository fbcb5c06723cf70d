/// What a proxy is: Toxiproxy's proxy fields, without its toxics, plus the protocol it frames.
public struct ProxyConfiguration: Sendable, Equatable, Codable {
    /// Unique name, the key of the control API.
    public var name: String
    /// `host:port` to listen on; port 0 picks a free port, and the real one is written back once listening.
    public var listen: String
    /// `host:port` of the service behind the proxy.
    public var upstream: String
    /// False means the proxy is "down": not listening, every connection closed.
    public var enabled: Bool
    /// `tcp` passes bytes (byte toxics only); `http` also frames HTTP/1.1 messages, so HTTP toxics can act per request.
    public var `protocol`: ProxyProtocol

    private enum CodingKeys: String, CodingKey { case name, listen, upstream, enabled, `protocol` }

    public init(
        name: String,
        listen: String = "127.0.0.1:0",
        upstream: String,
        enabled: Bool = true,
        protocol: ProxyProtocol = .tcp
    ) {
        self.name = name
        self.listen = listen
        self.upstream = upstream
        self.enabled = enabled
        self.protocol = `protocol`
    }

    /// Decodes a configuration; one written before `protocol` existed is a TCP proxy.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        listen = try container.decode(String.self, forKey: .listen)
        upstream = try container.decode(String.self, forKey: .upstream)
        enabled = try container.decode(Bool.self, forKey: .enabled)
        self.protocol = try container.decodeIfPresent(ProxyProtocol.self, forKey: .protocol) ?? .tcp
    }
}

/// What a proxy understands of the bytes it forwards.
public enum ProxyProtocol: String, Codable, Sendable, CaseIterable {
    /// Bytes only, the fast path: byte toxics.
    case tcp
    /// HTTP/1.1 messages (anything else passes through untouched): byte toxics and HTTP toxics.
    case http
}
