import Logging
import ServiceLifecycle

/// Every `interval`, takes over the sagas that instances which died left behind (their lease ran out) and finishes
/// them; runs on every instance sharing a PostgreSQL store, and `FOR UPDATE SKIP LOCKED` gives each saga to one.
struct SagaRecoveryService: Service {
    let saga: OrderSaga
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // A shutdown cancels the sleep (and a takeover in progress, whose state stays committed step by step).
        try await cancelWhenGracefulShutdown { try await loop() }
    }

    private func loop() async throws {
        while !Task.isCancelled {
            do {
                let outcomes = try await saga.recoverAbandoned()
                if !outcomes.isEmpty {
                    logger.notice("took over abandoned order sagas", metadata: ["count": "\(outcomes.count)"])
                }
            } catch {
                logger.warning("saga takeover failed; trying again", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
