import Logging

extension ServiceDependencies {
    /// The saga over the payments gateway `transport` reaches, its circuit state exported; nil when payments are
    /// off.
    static func makeSaga(
        _ settings: PaymentsSettings,
        transport: PaymentsTransport?,
        lease: SagaLease,
        orders: any OrderStore,
        metrics: ServiceMetrics
    ) -> OrderSaga? {
        guard let transport else { return nil }
        let breaker = CircuitBreaker(settings.breaker) { metrics.recordCircuitState($0) }
        let client = PaymentsClient(
            http: transport,
            breaker: breaker,
            retry: settings.retry,
            metrics: metrics
        )
        return OrderSaga(orders: orders, payments: client, metrics: metrics, lease: lease)
    }

    /// Resumes or compensates the sagas a previous process left unfinished, before any request is served.
    func recoverSagas(logger: Logger) async throws {
        guard let saga else { return }
        // A SQLite file has this one instance: every unfinished saga is its own from before a crash. On PostgreSQL
        // other instances may be running theirs: only those whose lease ran out are taken over.
        let outcomes = try await store.isShared ? saga.recoverAbandoned() : saga.recoverUnfinished()
        guard !outcomes.isEmpty else { return }
        let stuck = outcomes.filter { $0.name == "stuck" }.count
        logger.notice(
            "recovered unfinished order sagas",
            metadata: ["count": "\(outcomes.count)", "stuck": "\(stuck)"]
        )
    }
}
