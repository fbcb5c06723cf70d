import CoreMetrics
import Synchronization
import Testing

@testable import OrderService

/// Each documented route's handles are made once and then shared; everything else is left to the registry.
@Suite struct RequestMetricsTableTests {
    @Test func aDocumentedSeriesIsMadeOnceAndReused() {
        let metrics = ServiceMetrics()
        let table = RequestMetricsTable()
        let made = Mutex(0)
        func handles(_ route: String, _ method: String, _ status: Int) -> RequestMetricHandles? {
            table.handles(route: route, method: method, status: status) {
                made.withLock { $0 += 1 }
                return RequestMetricHandles(
                    requests: Counter(label: "t_total", dimensions: [("s", "\(status)")], factory: metrics.factory),
                    duration: Timer(label: "t_seconds", factory: metrics.factory)
                )
            }
        }
        let first = handles("/api/v1/orders/{id}", "GET", 200)
        let second = handles("/api/v1/orders/{id}", "GET", 200)
        #expect(first != nil && first === second)
        #expect(made.withLock { $0 } == 1)
        #expect(handles("/api/v1/orders/{id}", "GET", 404) !== first)
        #expect(made.withLock { $0 } == 2)
        // Outside the document: a route it does not have, a method the route does not take, a status out of range.
        #expect(handles("/nowhere", "GET", 200) == nil)
        #expect(handles("/health", "DELETE", 200) == nil)
        #expect(handles("/health", "GET", 600) == nil)
        #expect(made.withLock { $0 } == 2)
    }

    @Test func theCountsOfATableSeriesAndOfAnUndocumentedOneBothReachTheExposition() {
        let metrics = ServiceMetrics()
        for _ in 0..<3 {
            metrics.recordRequest(route: "/health", method: "GET", status: 200, duration: .milliseconds(1))
        }
        metrics.recordRequest(route: "unmatched", method: "GET", status: 404, duration: .milliseconds(1))
        let text = metrics.exposition()
        #expect(text.contains(#"http_requests_total{route="/health",method="GET",status="200"} 3"#), "\(text)")
        #expect(text.contains(#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#), "\(text)")
    }
}
