import Hummingbird
import HummingbirdTesting
import OrderService
import Testing

@Suite struct HealthTests {
    @Test func healthAnswersOK() async throws {
        let app = buildApplication(OrderServiceConfiguration(port: 0))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
        }
    }

    @Test func unknownRouteIsNotFound() async throws {
        let app = buildApplication(OrderServiceConfiguration(port: 0))
        try await app.test(.live) { client in
            let response = try await client.execute(uri: "/nope", method: .get)
            #expect(response.status == .notFound)
        }
    }
}
