/// Checks a configuration before the service starts, reporting every problem at once.
extension OrderServiceConfiguration {
    /// Secrets that appear in tutorials and sample files; production refuses them.
    static let wellKnownSecrets: Set<String> = [
        "secret", "changeme", "change-me", "password", "jwt-secret", "your-256-bit-secret",
        "test-secret-that-is-at-least-32-bytes-long", "development-secret-do-not-use-in-production",
    ]

    /// The shortest HS256 secret accepted: the hash output size, which JWTKit requires.
    static let minimumSecretBytes = 32

    /// Every problem with this configuration, each naming the key and what was expected; empty when it is valid.
    public func problems() -> [String] {
        var problems: [String] = []
        if http.host.isEmpty { problems.append("http.host: must not be empty") }
        if !(0...65535).contains(http.port) { problems.append("http.port: expected 0...65535, got \(http.port)") }
        if http.maxBodyBytes < 1024 {
            problems.append("http.maxBodyBytes: expected at least 1024, got \(http.maxBodyBytes)")
        }
        problems += http.tls.problems()
        if databasePath.isEmpty { problems.append("database.path: must not be empty (use :memory: for no file)") }
        if let databaseURL, PostgresEndpoint(url: databaseURL) == nil {
            // The URL may hold a password: only its scheme is quoted back.
            let scheme = databaseURL.split(separator: ":").first.map(String.init) ?? ""
            problems.append(
                "database.url: expected postgres://user[:password]@host[:port]/database, got a '\(scheme):' URL"
            )
        }
        if !(1...1000).contains(databasePoolSize) {
            problems.append("database.poolSize: expected 1...1000, got \(databasePoolSize)")
        }
        problems += security.problems(mode: mode)
        problems += payments.problems()
        problems += rateLimit.problems()
        problems += cache.problems()
        problems += redis.problems()
        problems += saga.problems(payments: payments)
        problems += features.problems(mode: mode)
        return problems
    }

    /// Throws a `ConfigurationError` listing every problem, if there is any.
    public func validate() throws(ConfigurationError) {
        let problems = problems()
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }
}

extension SecuritySettings {
    func problems(mode: ServiceMode) -> [String] {
        var problems: [String] = []
        if !(4...31).contains(bcryptCost) { problems.append("bcrypt.cost: expected 4...31, got \(bcryptCost)") }
        if tokenLifetimeSeconds < 1 {
            problems.append("jwt.lifetime: expected a positive number of seconds, got \(tokenLifetimeSeconds)")
        }
        problems += secretProblems(mode: mode)
        if let admin {
            if admin.username.isEmpty { problems.append("admin.username: must not be empty") }
            if admin.password.count < 8 { problems.append("admin.password: must be at least 8 characters") }
        }
        return problems
    }

    private func secretProblems(mode: ServiceMode) -> [String] {
        guard let secret = jwtSecret else {
            return mode == .production ? ["jwt.secret: required in production mode"] : []
        }
        var problems: [String] = []
        if secret.utf8.count < OrderServiceConfiguration.minimumSecretBytes {
            problems.append(
                "jwt.secret: must be at least \(OrderServiceConfiguration.minimumSecretBytes) bytes, "
                    + "got \(secret.utf8.count)"
            )
        }
        if mode == .production && OrderServiceConfiguration.wellKnownSecrets.contains(secret.lowercased()) {
            problems.append("jwt.secret: a well-known value is refused in production mode")
        }
        return problems
    }
}

/// A configuration the service cannot start with; the message lists every problem, one a line.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
