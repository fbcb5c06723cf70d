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
    ///            ├─ admin/*                             → bearer token → rate limit per user → admin
    ///            └─ integrations/*                      → X-API-Key
    func router(maxBodyBytes: Int) -> Router<OrderServiceRequestContext> {
        let router = Router(context: OrderServiceRequestContext.self)
        let problems = ProblemMiddleware(metrics: metrics)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: problems)
        router.add(middleware: MethodNotAllowedMiddleware())
        router.add(middleware: BodyLimitMiddleware(maxBytes: maxBodyBytes))
        HealthController(database: database).addRoutes(to: router)
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
        AuthController(users: users, hasher: hasher, tokens: tokens)
            .addRoutes(to: api.group("auth"))
        ProductController(products: SQLiteProductRepository(database: database)).addRoutes(to: api.group("products"))
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
        OrderController(orders: orders, metrics: metrics, saga: saga, flags: flags)
            .addRoutes(to: authenticated.group("orders"))
        AdminController(users: users, keys: keys)
            .addRoutes(to: authenticated.group("admin").add(middleware: AdminOnlyMiddleware()))
        IntegrationController(orders: orders)
            .addRoutes(to: api.group("integrations").add(middleware: APIKeyMiddleware(keys: keys)))
        return router
    }

    /// Sets the gauges that show sizes (buckets, cache entries) just before `/metrics` is read.
    var gaugeRefresh: @Sendable () -> Void {
        { [metrics, ipLimiter, userLimiter, orderCache] in
            metrics.recordRateLimitBuckets(ipLimiter.bucketCount, scope: "ip")
            metrics.recordRateLimitBuckets(userLimiter.bucketCount, scope: "user")
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
