import Logging

/// Everything the order service needs to start; the defaults run it out of the box on 127.0.0.1:8080.
public struct OrderServiceConfiguration: Sendable, Equatable {
    /// Where and how the HTTP server listens.
    public var http: HTTPSettings
    /// The SQLite database: a file path, or `:memory:` for a throwaway database. Unused with `databaseURL`.
    public var databasePath: String
    /// A PostgreSQL database (`postgres://user[:password]@host[:port]/database`) shared by several instances;
    /// nil keeps the SQLite file.
    public var databaseURL: String?
    /// The most PostgreSQL connections this instance keeps open.
    public var databasePoolSize: Int
    /// Development relaxes the secret rules; production refuses weak or missing secrets.
    public var mode: ServiceMode
    /// Token signing, password hashing and the bootstrap administrator.
    public var security: SecuritySettings
    /// The least severe log level that is written.
    public var logLevel: Logger.Level
    /// The payments gateway orders are charged through; off unless a URL is set.
    public var payments: PaymentsSettings
    /// Token-bucket limits per client IP and per user.
    public var rateLimit: RateLimitSettings
    /// The read-through cache of orders.
    public var cache: CacheSettings
    /// Rate-limit buckets and the order cache in Redis, shared by instances; nil URL keeps them in process.
    public var redis: RedisSettings
    /// Saga leases: how another instance finishes the sagas of one that died.
    public var saga: SagaSettings
    /// Behaviour switches that a reload (SIGHUP or a changed file) can change without a restart.
    public var features: FeatureFlags

    public init(
        http: HTTPSettings = HTTPSettings(),
        databasePath: String = "order-service.sqlite",
        databaseURL: String? = nil,
        databasePoolSize: Int = 10,
        mode: ServiceMode = .development,
        security: SecuritySettings = SecuritySettings(),
        logLevel: Logger.Level = .info,
        payments: PaymentsSettings = PaymentsSettings(),
        rateLimit: RateLimitSettings = RateLimitSettings(),
        cache: CacheSettings = CacheSettings(),
        redis: RedisSettings = RedisSettings(),
        saga: SagaSettings = SagaSettings(),
        features: FeatureFlags = FeatureFlags()
    ) {
        self.http = http
        self.databasePath = databasePath
        self.databaseURL = databaseURL
        self.databasePoolSize = databasePoolSize
        self.mode = mode
        self.security = security
        self.logLevel = logLevel
        self.payments = payments
        self.rateLimit = rateLimit
        self.cache = cache
        self.redis = redis
        self.saga = saga
        self.features = features
    }

    /// A configuration for tests: an in-memory database, a free port, a fixed secret, the cheapest bcrypt cost and
    /// rate limits no test reaches (the rate-limit tests set their own).
    public static func testing(admin: AdminAccount? = nil) -> Self {
        OrderServiceConfiguration(
            http: HTTPSettings(port: 0),
            databasePath: ":memory:",
            security: SecuritySettings(
                jwtSecret: "test-secret-that-is-at-least-32-bytes-long",
                bcryptCost: 4,
                admin: admin
            ),
            logLevel: .error,
            rateLimit: .beyondAnyLoad
        )
    }
}

/// Where the HTTP server listens and how much it accepts.
public struct HTTPSettings: Sendable, Equatable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 asks the system for a free one (tests).
    public var port: Int
    /// The largest request body accepted; larger ones get 413.
    public var maxBodyBytes: Int
    /// HTTPS (HTTP/2 and HTTP/1.1 by ALPN) and mutual TLS; off unless a certificate and key are given.
    public var tls: TLSSettings

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxBodyBytes: Int = 64 * 1024,
        tls: TLSSettings = TLSSettings()
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.tls = tls
    }
}

/// Token signing, password hashing and the bootstrap administrator.
public struct SecuritySettings: Sendable, Equatable {
    /// The HS256 signing secret; nil in development means "generate one at start".
    public var jwtSecret: String?
    /// How long a login token stays valid, in seconds.
    public var tokenLifetimeSeconds: Int
    /// The bcrypt cost factor (4...31): 10 in production, 4 in tests and load tests.
    public var bcryptCost: Int
    /// An administrator created at start if it does not exist yet, so that roles and API keys can be managed.
    public var admin: AdminAccount?

    public init(
        jwtSecret: String? = nil,
        tokenLifetimeSeconds: Int = 3600,
        bcryptCost: Int = 10,
        admin: AdminAccount? = nil
    ) {
        self.jwtSecret = jwtSecret
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.bcryptCost = bcryptCost
        self.admin = admin
    }
}

/// The credentials of the administrator created at start.
public struct AdminAccount: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// Development or production: production refuses to start without a strong signing secret.
public enum ServiceMode: String, Sendable, Equatable, CaseIterable {
    case development
    case production
}
