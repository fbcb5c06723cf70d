import Hummingbird
import Logging

extension ServiceDependencies {
    /// Every route, behind its middleware.
    ///
    ///     metrics → problem details → body limit → route
    ///                                            ├─ /health /ready /metrics /openapi.json   (open)
    ///                                            ├─ /api/v1/auth/*                          (open)
    ///                                            ├─ /api/v1/orders*                         → bearer token
    ///                                            ├─ /api/v1/admin/*                         → bearer token → admin
    ///                                            └─ /api/v1/integrations/*                  → X-API-Key
    ///
    /// Part 2 slots rate limits in after the body limit, before authentication.
    func router(maxBodyBytes: Int) -> Router<OrderServiceRequestContext> {
        let router = Router(context: OrderServiceRequestContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware(metrics: metrics))
        router.add(middleware: BodyLimitMiddleware(maxBytes: maxBodyBytes))
        HealthController(database: database).addRoutes(to: router)
        MetricsController(metrics: metrics).addRoutes(to: router)
        let api = router.group("api/v1")
        AuthController(users: users, hasher: hasher, tokens: tokens)
            .addRoutes(to: api.group("auth"))
        let authenticated = api.group().add(middleware: AuthenticationMiddleware(tokens: tokens))
        OrderController(orders: orders, metrics: metrics, saga: saga).addRoutes(to: authenticated.group("orders"))
        AdminController(users: users, keys: keys)
            .addRoutes(to: authenticated.group("admin").add(middleware: AdminOnlyMiddleware()))
        IntegrationController(orders: orders)
            .addRoutes(to: api.group("integrations").add(middleware: APIKeyMiddleware(keys: keys)))
        return router
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
