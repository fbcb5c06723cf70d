/// Where the load goes: an `http://host:port/base` URL split into the parts the client needs.
public struct HTTPTarget: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// A path prefix every request path is appended to (empty, or starting with `/` and without a trailing `/`).
    public var basePath: String

    public init(host: String, port: Int, basePath: String = "") {
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Why a target URL was refused.
    public struct InvalidURL: Error, Equatable, CustomStringConvertible {
        public let url: String
        public let reason: String
        public var description: String { "invalid target URL \"\(url)\": \(reason)" }
    }

    /// Parses `http://host[:port][/base]`; HTTPS is refused with a clear error (the client speaks plain HTTP/1.1).
    public init(url: String) throws(InvalidURL) {
        guard url.hasPrefix("http://") else {
            throw InvalidURL(
                url: url,
                reason: url.hasPrefix("https://") ? "https is not supported" : "expected http://"
            )
        }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }
        var host = String(authority)
        var port = 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let parsed = Int(authority[authority.index(after: colon)...]), (1...65535).contains(parsed) else {
                throw InvalidURL(url: url, reason: "the port must be a number from 1 to 65535")
            }
            port = parsed
            host = String(authority[..<colon])
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw InvalidURL(url: url, reason: "missing host") }
        self.init(host: host, port: port, basePath: path)
    }

    /// The `Host` header value.
    var hostHeader: String { port == 80 ? host : (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)") }
}
