import Basics
import CoreMetrics
import Metrics
import Prometheus

/// The service's metrics, made through swift-metrics from a factory of its own registry (never the global one,
/// so that tests can build many applications in one process).
public struct ServiceMetrics: Sendable {
    /// Buckets of the order-processing SLO histogram of the design, in seconds.
    static let orderProcessingBuckets: [Duration] = [
        .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
    ]

    /// Where every metric of this application lives; `/metrics` prints it.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let ordersCreated: CoreMetrics.Counter
    private let databaseErrors: CoreMetrics.Counter
    private let orderProcessing: CoreMetrics.Timer
    private let requestHandles = RequestMetricsTable()

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["order_processing_duration_seconds"] = Self.orderProcessingBuckets
        self.registry = registry
        self.factory = factory
        ordersCreated = CoreMetrics.Counter(label: "orders_created_total", factory: factory)
        databaseErrors = CoreMetrics.Counter(label: "database_errors_total", factory: factory)
        orderProcessing = CoreMetrics.Timer(label: "order_processing_duration_seconds", factory: factory)
    }

    /// Counts one finished request and records its duration, labelled by route pattern, method and status.
    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let handles =
            requestHandles.handles(route: route, method: method, status: status) {
                makeRequestHandles(route: route, method: method, status: status)
            } ?? makeRequestHandles(route: route, method: method, status: status)
        handles.requests.increment()
        handles.duration.recordNanoseconds(duration.nanosecondsClamped)
    }

    private func makeRequestHandles(route: String, method: String, status: Int) -> RequestMetricHandles {
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        return RequestMetricHandles(
            requests: CoreMetrics.Counter(label: "http_requests_total", dimensions: dimensions, factory: factory),
            duration: CoreMetrics.Timer(
                label: "http_request_duration_seconds",
                dimensions: dimensions,
                factory: factory
            )
        )
    }

    /// Counts an order that was created (not replayed) and records how long placing it took.
    func recordOrder(replayed: Bool, duration: Duration) {
        if !replayed { ordersCreated.increment() }
        orderProcessing.recordNanoseconds(duration.nanosecondsClamped)
    }

    /// Counts a storage failure.
    func recordDatabaseError() {
        databaseErrors.increment()
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> String {
        registry.emitToString()
    }
}
