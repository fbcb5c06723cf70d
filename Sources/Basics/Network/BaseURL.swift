import Foundation

/// An `http://` or `https://host:port[/prefix]` origin that request paths are appended to.
public struct BaseURL: Hashable, Sendable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// Host name or IP literal, without brackets.
    public var host: String
    /// Port; when the URL names none, 80 for http and 443 for https.
    public var port: Int
    /// Path prefix without a trailing slash, empty for none (`http://h/api` → `/api`).
    public var pathPrefix: String

    public init(scheme: String = "http", host: String, port: Int, pathPrefix: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.pathPrefix = pathPrefix
    }

    /// Whether connections to this origin are TLS.
    public var isSecure: Bool { scheme == "https" }

    /// The port a URL of this scheme has when it names none.
    public var defaultPort: Int { isSecure ? 443 : 80 }

    /// The `Host` header (or HTTP/2 `:authority`) value: host, bracketed when IPv6, plus the port unless default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == defaultPort ? name : "\(name):\(port)"
    }

    public var description: String { "\(scheme)://\(hostHeader)\(pathPrefix)" }

    /// Parses `http[s]://host[:port][/prefix]`, or returns what was expected instead.
    public static func parse(_ text: String) -> Result<BaseURL, URLFailure> {
        guard let schemeEnd = text.range(of: "://") else {
            return .failure(URLFailure("expected http://host:port or https://host:port, found \"\(text)\""))
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return .failure(URLFailure("expected an http:// or https:// URL, found \"\(scheme)://\""))
        }
        let rest = text[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var prefix = String(rest.dropFirst(authority.count))
        while prefix.hasSuffix("/") { prefix.removeLast() }
        guard !prefix.contains("?") else { return .failure(URLFailure("a base URL takes no query, found \"\(text)\"")) }
        return hostAndPort(String(authority), defaultPort: scheme == "https" ? 443 : 80).map {
            BaseURL(scheme: scheme, host: $0.host, port: $0.port, pathPrefix: prefix)
        }
    }

    private static func hostAndPort(
        _ authority: String,
        defaultPort: Int
    ) -> Result<(host: String, port: Int), URLFailure> {
        var host = authority
        var port = defaultPort
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
