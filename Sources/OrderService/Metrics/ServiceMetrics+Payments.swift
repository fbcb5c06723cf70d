import CoreMetrics

extension ServiceMetrics {
    /// Counts one call to the payments gateway by operation (charge, refund) and outcome
    /// (success, declined, failure, rejected by the open circuit).
    func recordPaymentCall(_ operation: String, outcome: String) {
        CoreMetrics.Counter(
            label: "payments_calls_total",
            dimensions: [("operation", operation), ("outcome", outcome)],
            factory: factory
        ).increment()
    }

    /// Shows the payments circuit state: 0 closed, 1 open, 2 half-open.
    func recordCircuitState(_ state: CircuitState) {
        CoreMetrics.Gauge(label: "payments_circuit_state", factory: factory).record(state.rawValue)
    }

    /// Counts a saga that ended, by outcome (confirmed, compensated, stuck) and whether start-up recovery ran it.
    func recordSaga(outcome: String, recovered: Bool) {
        CoreMetrics.Counter(
            label: "order_sagas_total",
            dimensions: [("outcome", outcome), ("recovered", String(recovered))],
            factory: factory
        ).increment()
    }
}
