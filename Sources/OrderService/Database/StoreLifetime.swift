import ServiceLifecycle

/// Keeps the store (with Redis and the payments client) open while the application runs and closes them on
/// graceful shutdown.
struct StoreLifetime: Service {
    let store: Store
    let redis: RedisClient?
    let payments: PaymentsTransport?

    func run() async throws {
        try? await gracefulShutdown()
        await payments?.shutdown()
        redis?.close()
        await store.close()
    }
}
