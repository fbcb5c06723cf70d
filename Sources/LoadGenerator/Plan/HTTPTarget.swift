import Basics
import Scenarios

/// Where the load goes: an `http://` or `https://host:port/base` URL split into the parts the client needs.
public struct HTTPTarget: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// A path prefix every request path is appended to (empty, or starting with `/` and without a trailing `/`).
    public var basePath: String
    /// Whether connections are TLS (`https://`).
    public var isSecure: Bool

    public init(host: String, port: Int, basePath: String = "", isSecure: Bool = false) {
        self.host = host
        self.port = port
        self.basePath = basePath
        self.isSecure = isSecure
    }

    /// The target of a scenario's base URL (its path prefix is already in every step's path, so it is left out).
    public init(origin url: BaseURL) {
        self.init(host: url.host, port: url.port, isSecure: url.isSecure)
    }

    /// Why a target URL was refused.
    public struct InvalidURL: Error, Equatable, CustomStringConvertible {
        public let url: String
        public let reason: String
        public var description: String { "invalid target URL \"\(url)\": \(reason)" }
    }

    /// Parses `http[s]://host[:port][/base]` with the scenario's URL rules.
    public init(url: String) throws(InvalidURL) {
        switch BaseURL.parse(url) {
        case .success(let parsed):
            self.init(host: parsed.host, port: parsed.port, basePath: parsed.pathPrefix, isSecure: parsed.isSecure)
        case .failure(let failure):
            throw InvalidURL(url: url, reason: failure.description)
        }
    }

    /// `http` or `https`.
    var scheme: String { isSecure ? "https" : "http" }

    /// The `Host` header (HTTP/2 `:authority`) value: the port only when not the scheme's default.
    var hostHeader: String {
        BaseURL(scheme: scheme, host: host, port: port).hostHeader
    }
}
