import Foundation

/// An `http://host:port[/prefix]` origin that request paths are appended to. Only plain HTTP is supported.
public struct BaseURL: Hashable, Sendable, CustomStringConvertible {
    /// `http` (the only scheme the generator speaks).
    public var scheme: String
    /// Host name or IP literal, without brackets.
    public var host: String
    /// Port, 80 when the URL names none.
    public var port: Int
    /// Path prefix without a trailing slash, empty for none (`http://h/api` → `/api`).
    public var pathPrefix: String

    public init(scheme: String = "http", host: String, port: Int, pathPrefix: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.pathPrefix = pathPrefix
    }

    /// The `Host` header value: host, plus the port when it is not 80.
    public var hostHeader: String { port == 80 ? host : "\(host):\(port)" }

    public var description: String { "\(scheme)://\(hostHeader)\(pathPrefix)" }

    /// Parses `http://host[:port][/prefix]`, or returns what was expected instead.
    public static func parse(_ text: String) -> Result<BaseURL, URLFailure> {
        guard let schemeEnd = text.range(of: "://") else {
            return .failure(URLFailure("expected http://host:port, found \"\(text)\""))
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" else {
            return .failure(URLFailure("only http:// URLs are supported, found \"\(scheme)://\""))
        }
        let rest = text[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var prefix = String(rest.dropFirst(authority.count))
        while prefix.hasSuffix("/") { prefix.removeLast() }
        guard !prefix.contains("?") else { return .failure(URLFailure("a base URL takes no query, found \"\(text)\"")) }
        return hostAndPort(String(authority)).map {
            BaseURL(scheme: scheme, host: $0.host, port: $0.port, pathPrefix: prefix)
        }
    }

    private static func hostAndPort(_ authority: String) -> Result<(host: String, port: Int), URLFailure> {
        var host = authority
        var port = 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                return .failure(URLFailure("unclosed [ in host \"\(authority)\""))
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let value = Int(after.dropFirst()) else {
                    return .failure(URLFailure("expected :port after the host, found \"\(after)\""))
                }
                port = value
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let value = Int(authority[authority.index(after: colon)...]) else {
                return .failure(URLFailure("expected a port number after \"\(host):\", found \"\(authority)\""))
            }
            port = value
        }
        guard !host.isEmpty, !host.contains("@") else {
            return .failure(URLFailure("expected a host name in \"\(authority)\""))
        }
        guard (1...65535).contains(port) else { return .failure(URLFailure("port \(port) is outside 1...65535")) }
        return .success((host, port))
    }
}

/// Why a URL was refused.
public struct URLFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
