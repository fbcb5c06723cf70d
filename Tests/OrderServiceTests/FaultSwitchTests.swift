import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

/// Fault-switch headers against a real payments gateway: each fails or slows its step, the saga compensates, and
/// nothing happens unless the feature is on.
@Suite struct FaultSwitchTests {
    static func configuration(url: String, enabled: Bool = true) -> OrderServiceConfiguration {
        var configuration = PaymentsGatewayFixture.configuration(url: url, failures: 100)
        configuration.features.faultSwitches = enabled
        return configuration
    }

    static func order(_ client: some TestClientProtocol, _ token: String, _ headers: HTTPFields) async throws
        -> TestResponse
    {
        try await client.send(
            .post,
            "/api/v1/orders",
            token: token,
            headers: headers,
            json: #"{"items":[{"productId":"p-4","quantity":3}]}"#
        )
    }

    static func header(_ name: String) -> HTTPField.Name { HTTPField.Name(name)! }

    @Test func anErrorBeforeTheChargeCompensatesWithoutCharging() async throws {
        try await PaymentsGatewayFixture.with { url, ledger in
            let app = try await buildRouterForTests(Self.configuration(url: url))
            try await app.application.test(.router) { client in
                let token = try await client.user("faulty")
                let stock = try await app.orders.stock(of: "p-4")
                let response = try await Self.order(client, token, [Self.header("X-Error-Charge-Payment"): "boom"])
                #expect(response.status == .internalServerError)
                #expect(response.problemCode == "injected-fault")
                #expect((response.object["detail"] as? String)?.contains("charge-payment step: boom") == true)
                #expect(try await app.orders.stock(of: "p-4") == stock, "the reserved stock came back")
                #expect(await ledger.all().allSatisfy { $0.timesCharged == 0 })
                let list = try await client.send(.get, "/api/v1/orders", token: token)
                #expect((list.object["orders"] as? [[String: Any]])?.first?["status"] as? String == "failed")
                #expect(try await client.metric(#"injected_faults_total{step="charge-payment",kind="error"}"#) == 1)
            }
        }
    }

    @Test func anErrorAfterTheChargeRefundsAndReleasesStock() async throws {
        try await PaymentsGatewayFixture.with { url, ledger in
            let app = try await buildRouterForTests(Self.configuration(url: url))
            try await app.application.test(.router) { client in
                let token = try await client.user("refunded")
                let stock = try await app.orders.stock(of: "p-4")
                let response = try await Self.order(client, token, [Self.header("X-Error-Confirm-Order"): "late"])
                #expect(response.status == .internalServerError && response.problemCode == "injected-fault")
                let entries = await ledger.all()
                #expect(entries.count == 1 && entries[0].timesCharged == 1 && entries[0].refunded)
                #expect(try await app.orders.stock(of: "p-4") == stock)
                #expect(try await app.orders.unfinished().isEmpty)
            }
        }
    }

    @Test func aDelayIsAppliedAndZeroPercentNeverFails() async throws {
        try await PaymentsGatewayFixture.with { url, _ in
            let app = try await buildRouterForTests(Self.configuration(url: url))
            try await app.application.test(.router) { client in
                let token = try await client.user("patient")
                let start = ContinuousClock.now
                let headers: HTTPFields = [
                    Self.header("X-Delay-Reserve-Stock"): "200ms",
                    Self.header("X-Error-Confirm-Order"): "never",
                    Self.header("X-Error-Confirm-Order-Percentage"): "0",
                ]
                let response = try await Self.order(client, token, headers)
                #expect(response.status == .created)
                #expect(ContinuousClock.now - start >= .milliseconds(200))
            }
        }
    }

    @Test func malformedSwitchesAre400AndSwitchesAreIgnoredWhenOff() async throws {
        try await PaymentsGatewayFixture.with { url, _ in
            let app = try await buildRouterForTests(Self.configuration(url: url))
            try await app.application.test(.router) { client in
                let token = try await client.user("sloppy")
                let bad = try await Self.order(client, token, [Self.header("X-Delay-Charge-Payment"): "soon"])
                #expect(bad.status == .badRequest && bad.problemCode == "invalid-fault-switch")
                #expect((bad.object["detail"] as? String)?.contains("X-Delay-charge-payment") == true)
                let percent: HTTPFields = [
                    Self.header("X-Error-Charge-Payment"): "x", Self.header("X-Error-Charge-Payment-Percentage"): "150",
                ]
                #expect(try await Self.order(client, token, percent).problemCode == "invalid-fault-switch")
            }
            let off = try await buildRouterForTests(Self.configuration(url: url, enabled: false))
            try await off.application.test(.router) { client in
                let token = try await client.user("ignored")
                let response = try await Self.order(client, token, [Self.header("X-Error-Reserve-Stock"): "boom"])
                #expect(response.status == .created)
            }
        }
    }

    @Test func productionModeRefusesFaultSwitches() {
        var configuration = OrderServiceConfiguration.testing()
        configuration.mode = .production
        configuration.security.jwtSecret = String(repeating: "k7", count: 32)
        configuration.features.faultSwitches = true
        #expect(configuration.problems().contains { $0.hasPrefix("features.faultSwitches:") })
    }
}
