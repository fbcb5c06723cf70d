import Foundation

/// Where the PostgreSQL store is, parsed from `database.url` (`postgres://user[:password]@host[:port]/database`).
struct PostgresEndpoint: Sendable, Equatable {
    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String

    /// The URL's parts, nil when it is not a `postgres://` or `postgresql://` URL with a host.
    init?(url: String) {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme),
            let host = components.host, !host.isEmpty
        else { return nil }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { return nil }
        self.host = host
        port = components.port ?? 5432
        username = components.user ?? "postgres"
        password = components.password
        database = path.isEmpty ? username : path
    }

    /// `host:port/database`, for messages (never the password).
    var description: String { "\(host):\(port)/\(database)" }
}
