/// What a proxy is: Toxiproxy's proxy fields, without its toxics.
public struct ProxyConfiguration: Sendable, Equatable, Codable {
    /// Unique name, the key of the control API.
    public var name: String
    /// `host:port` to listen on; port 0 picks a free port, and the real one is written back once listening.
    public var listen: String
    /// `host:port` of the service behind the proxy.
    public var upstream: String
    /// False means the proxy is "down": not listening, every connection closed.
    public var enabled: Bool

    public init(name: String, listen: String = "127.0.0.1:0", upstream: String, enabled: Bool = true) {
        self.name = name
        self.listen = listen
        self.upstream = upstream
        self.enabled = enabled
    }
}

/// A `host:port` pair, as Toxiproxy writes addresses.
public struct HostAndPort: Sendable, Equatable {
    public var host: String
    public var port: Int

    /// Parses `host:port`, `[v6]:port` or `:port` (all interfaces); nil when the port is missing or out of range.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
