import ServiceLifecycle

/// Keeps the store (and Redis) open while the application runs and closes them on graceful shutdown.
struct StoreLifetime: Service {
    let store: Store
    let redis: RedisClient?

    func run() async throws {
        try? await gracefulShutdown()
        redis?.close()
        await store.close()
    }
}
