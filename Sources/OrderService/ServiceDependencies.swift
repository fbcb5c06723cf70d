import Logging

/// What the controllers are built from: the repositories, the token and password services, the metrics.
struct ServiceDependencies {
    let store: Store
    let users: any UserRepository
    let orders: any OrderStore
    let keys: any APIKeyRepository
    let tokens: TokenService
    let hasher: PasswordHasher
    let metrics: ServiceMetrics
    let saga: OrderSaga?
    /// The feature flags in force; a reload replaces them.
    let flags: FeatureFlagStore
    let orderCache: OrderCache
    let ipLimiter: any RateLimiting
    let userLimiter: any RateLimiting
    /// The Redis connection shared by the limiters and the cache, when `redis.url` is set.
    let redis: RedisClient?
    /// The payments gateway's HTTP client, when `payments.url` is set; closed with the store.
    let payments: PaymentsTransport?
    /// The data-integrity check (`verify`, `/api/v1/admin/integrity`).
    let integrity: IntegrityCheck

    init(
        _ configuration: OrderServiceConfiguration,
        store plain: Store,
        metrics: ServiceMetrics,
        logger: Logger
    ) async throws {
        flags = FeatureFlagStore(configuration.features, metrics: metrics)
        orderCache = OrderCache(configuration.cache, flags: flags, metrics: metrics)
        let limits = configuration.rateLimit
        if let endpoint = configuration.redis.endpoint {
            let redis = RedisClient(host: endpoint.host, port: endpoint.port, timeout: configuration.redis.timeout)
            self.redis = redis
            let cache = RedisOrderCache(redis: redis, settings: configuration.cache, flags: flags, metrics: metrics)
            store = plain.caching(orders: cache)
            ipLimiter = RedisRateLimiter(redis: redis, rules: limits.perIP, scope: "ip", metrics: metrics)
            userLimiter = RedisRateLimiter(redis: redis, rules: limits.perUser, scope: "user", metrics: metrics)
        } else {
            redis = nil
            store = plain.caching(orders: orderCache)
            ipLimiter = RateLimiter(
                rules: limits.perIP,
                maxClients: limits.maxClients,
                idleTimeout: limits.idleTimeout
            )
            userLimiter = RateLimiter(
                rules: limits.perUser,
                maxClients: limits.maxClients,
                idleTimeout: limits.idleTimeout
            )
        }
        users = store.users
        orders = store.orders
        keys = store.keys
        hasher = try await PasswordHasher(cost: configuration.security.bcryptCost)
        self.metrics = metrics
        let secret = configuration.security.jwtSecret ?? SigningSecret.generate()
        if configuration.security.jwtSecret == nil {
            logger.warning(
                """
                No jwt.secret configured: signing with a random secret generated for this run (development mode). \
                Tokens will not survive a restart; set ORDERPROCESSING_JWT_SECRET to keep them.
                """
            )
        }
        payments = try PaymentsTransport(configuration.payments)
        saga = Self.makeSaga(
            configuration.payments,
            transport: payments,
            lease: SagaLease(duration: configuration.saga.lease(payments: configuration.payments)),
            orders: orders,
            metrics: metrics
        )
        integrity = IntegrityCheck(
            repository: store.integrity,
            payments: saga?.payments,
            lease: configuration.saga.lease(payments: configuration.payments),
            takeoverGrace: configuration.saga.recoveryInterval * 2 + .seconds(1)
        )
        tokens = await TokenService(secret: secret, lifetimeSeconds: configuration.security.tokenLifetimeSeconds)
    }
}
