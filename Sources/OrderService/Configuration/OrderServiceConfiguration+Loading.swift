import Configuration
import Foundation
import Logging

/// Reads a configuration from an optional YAML file overridden by `ORDERPROCESSING_*` environment variables.
///
/// Keys (YAML path → environment variable):
///
///     http.host          ORDERPROCESSING_HTTP_HOST            default 127.0.0.1
///     http.port          ORDERPROCESSING_HTTP_PORT            default 8080
///     http.maxBodyBytes  ORDERPROCESSING_HTTP_MAX_BODY_BYTES  default 65536
///     http.tls.certificate  ORDERPROCESSING_HTTP_TLS_CERTIFICATE  PEM file; with http.tls.key: HTTPS (h2 + http/1.1)
///     http.tls.key          ORDERPROCESSING_HTTP_TLS_KEY          PEM file of the certificate's private key
///     http.tls.clientCA     ORDERPROCESSING_HTTP_TLS_CLIENT_CA    PEM file of CAs: client certificates required
///                        (swift-configuration splits camelCase at a lower-to-upper change: clientCA → CLIENT_CA)
///     database.path      ORDERPROCESSING_DATABASE_PATH        default order-service.sqlite
///     database.url       ORDERPROCESSING_DATABASE_URL         postgres://user[:password]@host[:port]/db instead
///     database.poolSize  ORDERPROCESSING_DATABASE_POOL_SIZE   PostgreSQL connections at most, default 10
///     mode               ORDERPROCESSING_MODE                 development | production
///     jwt.secret         ORDERPROCESSING_JWT_SECRET           generated in development when absent
///     jwt.lifetime       ORDERPROCESSING_JWT_LIFETIME         seconds, default 3600
///     bcrypt.cost        ORDERPROCESSING_BCRYPT_COST          4...31, default 10
///     log.level          ORDERPROCESSING_LOG_LEVEL            trace ... critical, default info
///     admin.username     ORDERPROCESSING_ADMIN_USERNAME       with admin.password: an admin created at start
///     admin.password     ORDERPROCESSING_ADMIN_PASSWORD
///     payments.url       ORDERPROCESSING_PAYMENTS_URL         http(s)://host:port of the gateway; absent = no charging
///     payments.tls.ca, payments.tls.certificate, payments.tls.key  (ORDERPROCESSING_PAYMENTS_TLS_CA, ...) PEM files:
///                        CAs trusted for an https gateway, and the client certificate it may require (mutual TLS)
///     payments.timeoutMs, payments.deadlineMs, payments.maxAttempts, payments.backoffMs, payments.maxBackoffMs
///     payments.breaker.failures, payments.breaker.resetMs     (ORDERPROCESSING_PAYMENTS_BREAKER_RESET_MS, ...)
///     rateLimit.ip.readsPerSecond, .readBurst, .writesPerSecond, .writeBurst   (and rateLimit.user.*)
///     rateLimit.maxClients, rateLimit.idleSeconds
///     cache.ttlMs, cache.maxEntries
///     redis.url          ORDERPROCESSING_REDIS_URL            redis://host:port: rate limits and cache shared there
///     redis.timeoutMs    ORDERPROCESSING_REDIS_TIMEOUT_MS     per command, default 500; past it limits fail open
///     saga.leaseMs, saga.recoveryIntervalMs    default 2 × payments.deadlineMs + 5000, and 1000 (takeovers)
///     features.payments, features.cache, features.rateLimits, features.faultSwitches   true | false
///                        (ORDERPROCESSING_FEATURES_RATE_LIMITS, ...; reloaded on SIGHUP and file change)
extension OrderServiceConfiguration {
    /// Loads, then validates; every problem found is reported in one `ConfigurationError`.
    public static func load(
        file: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> OrderServiceConfiguration {
        let secrets = Set([
            "ORDERPROCESSING_JWT_SECRET", "ORDERPROCESSING_ADMIN_PASSWORD", "ORDERPROCESSING_DATABASE_URL",
        ])
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(
                environmentVariables: environment,
                secretsSpecifier: .dynamic { key, _ in secrets.contains(key.uppercased()) }
            ).prefixKeys(with: "orderprocessing")
        ]
        if let file { providers.append(try await yamlProvider(file)) }
        var values = SettingsReader(reader: ConfigReader(providers: providers))
        let configuration = values.configuration()
        var problems = values.problems + configuration.problems()
        if let file, let text = try? String(contentsOfFile: file, encoding: .utf8) {
            // Every key the settings read is known; anything else in the file is a typo or a stale setting.
            problems = UnknownKeys.problems(inYAML: text, file: file, known: values.asked) + problems
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        return configuration
    }

    /// Every key a configuration file may hold: those the loader reads.
    static var knownKeys: Set<String> {
        var values = SettingsReader(reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        _ = values.configuration()
        return values.asked
    }

    private static func yamlProvider(_ file: String) async throws -> any ConfigProvider {
        guard FileManager.default.fileExists(atPath: file) else {
            throw ConfigurationError(problems: ["\(file): no such configuration file"])
        }
        do {
            // The `config:` initialiser takes the path as a plain string (FilePath would need swift-system).
            let location = ConfigReader(
                provider: InMemoryProvider(values: ["filePath": .init(.string(file), isSecret: false)])
            )
            return try await FileProvider<YAMLSnapshot>(config: location)
        } catch {
            throw ConfigurationError(problems: ["\(file): not a valid YAML mapping (\(error))"])
        }
    }
}

/// Typed reads that remember each value of the wrong type instead of silently using the default.
private struct SettingsReader {
    let reader: ConfigReader
    var problems: [String] = []
    /// Every key read so far: after `configuration()`, all the keys there are.
    var asked: Set<String> = []

    mutating func configuration() -> OrderServiceConfiguration {
        let defaults = OrderServiceConfiguration()
        return OrderServiceConfiguration(
            http: HTTPSettings(
                host: string("http.host") ?? defaults.http.host,
                port: int("http.port") ?? defaults.http.port,
                maxBodyBytes: int("http.maxBodyBytes") ?? defaults.http.maxBodyBytes,
                tls: TLSSettings(
                    certificatePath: string("http.tls.certificate"),
                    keyPath: string("http.tls.key"),
                    clientCAPath: string("http.tls.clientCA")
                )
            ),
            databasePath: string("database.path") ?? defaults.databasePath,
            databaseURL: string("database.url", isSecret: true),
            databasePoolSize: int("database.poolSize") ?? defaults.databasePoolSize,
            mode: choice("mode", ServiceMode.self) ?? defaults.mode,
            security: security(defaults.security),
            logLevel: choice("log.level", Logger.Level.self) ?? defaults.logLevel,
            payments: payments(defaults.payments),
            rateLimit: rateLimit(defaults.rateLimit),
            cache: CacheSettings(
                ttl: int("cache.ttlMs").map { .milliseconds($0) } ?? defaults.cache.ttl,
                maxEntries: int("cache.maxEntries") ?? defaults.cache.maxEntries
            ),
            redis: RedisSettings(
                url: string("redis.url"),
                timeout: int("redis.timeoutMs").map { .milliseconds($0) } ?? defaults.redis.timeout
            ),
            saga: SagaSettings(
                lease: int("saga.leaseMs").map { .milliseconds($0) },
                recoveryInterval: int("saga.recoveryIntervalMs").map { .milliseconds($0) }
                    ?? defaults.saga.recoveryInterval
            ),
            features: FeatureFlags(
                payments: bool("features.payments") ?? defaults.features.payments,
                cache: bool("features.cache") ?? defaults.features.cache,
                rateLimits: bool("features.rateLimits") ?? defaults.features.rateLimits,
                faultSwitches: bool("features.faultSwitches") ?? defaults.features.faultSwitches
            )
        )
    }

    mutating func rateLimit(_ defaults: RateLimitSettings) -> RateLimitSettings {
        RateLimitSettings(
            perIP: rules("ip", defaults.perIP),
            perUser: rules("user", defaults.perUser),
            maxClients: int("rateLimit.maxClients") ?? defaults.maxClients,
            idleTimeout: int("rateLimit.idleSeconds").map { .seconds($0) } ?? defaults.idleTimeout
        )
    }

    mutating func rules(_ scope: String, _ fallback: RateLimitRules) -> RateLimitRules {
        RateLimitRules(
            read: RateLimitRule(
                perSecond: double("rateLimit.\(scope).readsPerSecond") ?? fallback.read.perSecond,
                burst: int("rateLimit.\(scope).readBurst") ?? fallback.read.burst
            ),
            write: RateLimitRule(
                perSecond: double("rateLimit.\(scope).writesPerSecond") ?? fallback.write.perSecond,
                burst: int("rateLimit.\(scope).writeBurst") ?? fallback.write.burst
            )
        )
    }

    mutating func payments(_ defaults: PaymentsSettings) -> PaymentsSettings {
        func millis(_ key: String, _ fallback: Duration) -> Duration {
            int("payments.\(key)").map { .milliseconds($0) } ?? fallback
        }
        let retry = defaults.retry
        return PaymentsSettings(
            url: string("payments.url"),
            tls: PaymentsTLSSettings(
                caPath: string("payments.tls.ca"),
                certificatePath: string("payments.tls.certificate"),
                keyPath: string("payments.tls.key")
            ),
            retry: RetryPolicy(
                maxAttempts: int("payments.maxAttempts") ?? retry.maxAttempts,
                baseDelay: millis("backoffMs", retry.baseDelay),
                maxDelay: millis("maxBackoffMs", retry.maxDelay),
                attemptTimeout: millis("timeoutMs", retry.attemptTimeout),
                deadline: millis("deadlineMs", retry.deadline)
            ),
            breaker: CircuitBreakerSettings(
                failureThreshold: int("payments.breaker.failures") ?? defaults.breaker.failureThreshold,
                resetTimeout: millis("breaker.resetMs", defaults.breaker.resetTimeout)
            )
        )
    }

    mutating func security(_ defaults: SecuritySettings) -> SecuritySettings {
        let username = string("admin.username")
        let password = string("admin.password", isSecret: true)
        if (username == nil) != (password == nil) {
            problems.append("admin.username and admin.password: give both or neither")
        }
        return SecuritySettings(
            jwtSecret: string("jwt.secret", isSecret: true),
            tokenLifetimeSeconds: int("jwt.lifetime") ?? defaults.tokenLifetimeSeconds,
            bcryptCost: int("bcrypt.cost") ?? defaults.bcryptCost,
            admin: username.flatMap { name in password.map { AdminAccount(username: name, password: $0) } }
        )
    }

    mutating func string(_ key: String, isSecret: Bool = false) -> String? {
        asked.insert(key)
        return reader.string(forKey: ConfigKey(key), isSecret: isSecret)
    }

    mutating func int(_ key: String) -> Int? {
        asked.insert(key)
        if let value = reader.int(forKey: ConfigKey(key)) { return value }
        if let raw = string(key) { problems.append("\(key): expected an integer, got '\(raw)'") }
        return nil
    }

    mutating func double(_ key: String) -> Double? {
        asked.insert(key)
        if let value = reader.double(forKey: ConfigKey(key)) { return value }
        if let raw = string(key) { problems.append("\(key): expected a number, got '\(raw)'") }
        return nil
    }

    mutating func bool(_ key: String) -> Bool? {
        asked.insert(key)
        if let value = reader.bool(forKey: ConfigKey(key)) { return value }
        if let raw = string(key) { problems.append("\(key): expected true or false, got '\(raw)'") }
        return nil
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        guard let raw = string(key) else { return nil }
        if let value = Choice(rawValue: raw.lowercased()) { return value }
        let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        problems.append("\(key): expected one of \(allowed), got '\(raw)'")
        return nil
    }
}
