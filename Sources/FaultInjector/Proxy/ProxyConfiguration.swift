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
