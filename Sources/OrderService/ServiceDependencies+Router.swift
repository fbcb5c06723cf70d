import Hummingbird
import Logging

extension ServiceDependencies {
    /// Every route, behind its middleware.
    ///
    ///     metrics → problem details → 405 for a known path's other methods → body limit → route
    ///       ├─ /health /ready /metrics /openapi.json   (open, never rate limited: probes and scrapes)
    ///       └─ /api/v1/* → rate limit per IP
    ///            ├─ auth/*  products                    (open)
    ///            ├─ orders*                             → bearer token → rate limit per user
    ///            ├─ admin/*  (roles, API keys, integrity)   → bearer token → rate limit per user → admin
    ///            └─ integrations/*                      → X-API-Key
    func router(maxBodyBytes: Int) -> Router<OrderServiceRequestContext> {
        let router = Router(context: OrderServiceRequestContext.self)
        let problems = ProblemMiddleware(metrics: metrics)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: problems)
        router.add(middleware: MethodNotAllowedMiddleware())
        router.add(middleware: BodyLimitMiddleware(maxBytes: maxBodyBytes))
        HealthController(database: store.health).addRoutes(to: router)
        MetricsController(metrics: metrics, refresh: gaugeRefresh).addRoutes(to: router)
        let api = router.group("api/v1")
            .add(
                middleware: RateLimitMiddleware(
                    scope: .ip,
                    limiter: ipLimiter,
                    flags: flags,
                    problems: problems,
                    metrics: metrics
                )
            )
        Self.addAuthRoutes(users: users, hasher: hasher, tokens: tokens, to: api.group("auth"))
        ProductController(products: store.products).addRoutes(to: api.group("products"))
        let authenticated = api.group().add(middleware: AuthenticationMiddleware(tokens: tokens))
            .add(
                middleware: RateLimitMiddleware(
                    scope: .user,
                    limiter: userLimiter,
                    flags: flags,
                    problems: problems,
                    metrics: metrics
                )
            )
        addOrderRoutes(orders: orders, to: authenticated.group("orders"))
        let admin = authenticated.group("admin").add(middleware: AdminOnlyMiddleware())
        Self.addAdminRoutes(users: users, keys: keys, to: admin)
        IntegrityController(check: integrity).addRoutes(to: admin)
        Self.addIntegrationRoutes(orders: orders, keys: keys, to: api.group("integrations"))
        return router
    }

    // The controllers are generic over their repositories; these open the stores' existentials for them.

    private static func addAuthRoutes<Users: UserRepository>(
        users: Users,
        hasher: PasswordHasher,
        tokens: TokenService,
        to group: RouterGroup<OrderServiceRequestContext>
    ) {
        AuthController(users: users, hasher: hasher, tokens: tokens).addRoutes(to: group)
    }

    private func addOrderRoutes<Orders: OrderRepository>(
        orders: Orders,
        to group: RouterGroup<OrderServiceRequestContext>
    ) {
        OrderController(orders: orders, metrics: metrics, saga: saga, flags: flags).addRoutes(to: group)
    }

    private static func addAdminRoutes<Users: UserRepository, Keys: APIKeyRepository>(
        users: Users,
        keys: Keys,
        to group: RouterGroup<OrderServiceRequestContext>
    ) {
        AdminController(users: users, keys: keys).addRoutes(to: group)
    }

    private static func addIntegrationRoutes<Orders: OrderRepository, Keys: APIKeyRepository>(
        orders: Orders,
        keys: Keys,
        to group: RouterGroup<OrderServiceRequestContext>
    ) {
        IntegrationController(orders: orders).addRoutes(to: group.add(middleware: APIKeyMiddleware(keys: keys)))
    }

    /// Sets the gauges that show sizes (buckets, cache entries) just before `/metrics` is read.
    var gaugeRefresh: @Sendable () -> Void {
        { [metrics, ipLimiter, userLimiter, orderCache] in
            // Buckets in Redis are counted by Redis, not here.
            if let ipLimiter = ipLimiter as? RateLimiter {
                metrics.recordRateLimitBuckets(ipLimiter.bucketCount, scope: "ip")
            }
            if let userLimiter = userLimiter as? RateLimiter {
                metrics.recordRateLimitBuckets(userLimiter.bucketCount, scope: "user")
            }
            metrics.recordCacheEntries(orderCache.count)
        }
    }

    /// Creates the configured administrator if absent, or makes the existing account an admin.
    func createAdministrator(_ admin: AdminAccount?, logger: Logger) async throws {
        guard let admin else { return }
        if let existing = try await users.find(username: admin.username) {
            if existing.role != .admin { _ = try await users.setRole(.admin, ofUser: existing.id) }
            return
        }
        _ = try await users.create(
            username: admin.username,
            passwordHash: try await hasher.hash(admin.password),
            role: .admin
        )
        logger.info("created administrator", metadata: ["username": "\(admin.username)"])
    }
}
