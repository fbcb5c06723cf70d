import Foundation

/// Shared state in Redis: rate-limit buckets and the order cache, so that every instance answers a client alike.
/// Off (in-process buckets and cache) unless a URL is set.
public struct RedisSettings: Sendable, Equatable {
    /// `redis://host[:port]`; nil keeps the limits and the cache in this process.
    public var url: String?
    /// How long one Redis command may take before the limiter fails open and the cache is bypassed.
    public var timeout: Duration

    public init(url: String? = nil, timeout: Duration = .milliseconds(500)) {
        self.url = url
        self.timeout = timeout
    }

    /// The host and port of `url`, nil when it is not `redis://host[:port]`.
    var endpoint: (host: String, port: Int)? {
        guard let url, let components = URLComponents(string: url), components.scheme == "redis",
            let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/"
        else { return nil }
        return (host, components.port ?? 6379)
    }

    func problems() -> [String] {
        var problems: [String] = []
        if let url, endpoint == nil { problems.append("redis.url: expected redis://host[:port], got '\(url)'") }
        if timeout <= .zero { problems.append("redis.timeoutMs: expected a positive number") }
        return problems
    }
}
