import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

@Suite struct ProbeTests {
    @Test func healthAnswersOK() async throws {
        try await TestService.withClient { client in
            let response = try await client.send(.get, "/health")
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
        }
    }

    @Test func readyWhenTheDatabaseIsMigrated() async throws {
        try await TestService.withClient { client in
            let response = try await client.send(.get, "/ready")
            #expect(response.status == .ok)
            #expect(response.object["status"] as? String == "ready")
        }
    }

    @Test func unknownRouteIsANotFoundProblemOverARealSocket() async throws {
        try await TestService.application().test(.live) { client in
            let response = try await client.execute(uri: "/nope", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.problemCode == "not-found")
        }
    }

    @Test func metricsCountRequestsOrdersAndTheSLOHistogram() async throws {
        let metrics = ServiceMetrics()
        try await TestService.withClient(metrics: metrics) { client in
            let token = try await client.user("metrics-user")
            #expect(try await client.placeOrder(token: token).status == .created)
            _ = try await client.send(.get, "/api/v1/orders/missing", token: token)
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            #expect(text.contains(#"orders_created_total 1"#))
            // How long the order took depends on a machine shared with other suites; that it was counted does not.
            #expect(text.contains(#"order_processing_duration_seconds_bucket{le="+Inf"} 1"#))
            #expect(text.contains("order_processing_duration_seconds_count 1"))
            #expect(text.contains(#"route="/api/v1/orders",method="POST",status="201""#))
            #expect(text.contains(#"route="/api/v1/orders/{id}",method="GET",status="404""#))
            #expect(text.contains("http_request_duration_seconds_bucket"))
            #expect(text.contains("database_errors_total 0"))
        }
    }
}
