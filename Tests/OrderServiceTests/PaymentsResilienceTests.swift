import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import OrderService

/// The payments step against a real gateway process-in-test on a real socket, or against a port nobody listens on.
@Suite struct PaymentsResilienceTests {
    /// Port 1 on loopback: nothing listens there, so connecting is refused at once.
    static let downURL = "http://127.0.0.1:1"

    @Test func aChargedOrderIsConfirmedChargedOnceAndTakesStock() async throws {
        try await PaymentsGatewayFixture.with { url, ledger in
            let configuration = PaymentsGatewayFixture.configuration(url: url)
            try await TestService.withClient(configuration) { client in
                let token = try await client.user("payer")
                let response = try await client.placeOrder(token: token, product: "p-3", quantity: 4, key: "k1")
                #expect(response.status == .created, "\(String(buffer: response.body))")
                #expect(response.object["status"] as? String == "confirmed")
                let id = try #require(response.object["id"] as? String)
                let replay = try await client.placeOrder(token: token, product: "p-3", quantity: 4, key: "k1")
                #expect(replay.status == .created && replay.object["id"] as? String == id)
                #expect(await ledger.all().map(\.timesCharged) == [1])
                #expect(await ledger.all().first?.amountCents == 4 * ProductCatalogue.priceCents(ofProduct: 3))
            }
        }
    }

    @Test func theBreakerOpensAgainstAGatewayThatIsDownAndOrdersFailFastCompensated() async throws {
        let configuration = PaymentsGatewayFixture.configuration(url: Self.downURL, failures: 2, reset: .seconds(60))
        try await TestService.withClient(configuration) { client in
            let token = try await client.user("unlucky")
            for _ in 0..<2 {
                let response = try await client.placeOrder(token: token, product: "p-5", quantity: 10)
                #expect(response.status == .serviceUnavailable)
                #expect(response.problemCode == "payment-unavailable")
            }
            #expect(try await client.metric("payments_circuit_state") == 1)
            let fast = try await client.placeOrder(token: token, product: "p-5", quantity: 10)
            #expect(fast.status == .serviceUnavailable)
            #expect(fast.problemCode == "payments-circuit-open")
            // An open circuit answers without calling: the call is counted as rejected, and no attempt failed.
            let rejected = #"payments_calls_total{operation="charge",outcome="rejected"}"#
            let failed = #"payments_calls_total{operation="charge",outcome="failure"}"#
            #expect(try await client.metric(rejected) == 1)
            #expect(try await client.metric(failed) == 2)
            let list = try await client.send(.get, "/api/v1/orders", token: token)
            let statuses = (list.object["orders"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
            #expect(statuses == ["failed", "failed", "failed"])
        }
    }

    @Test func theBreakerOpensOnASlowGatewayHalfOpensAndRecovers() async throws {
        // The gateway is 4 s slow against a 1 s attempt timeout, far enough apart that a starved test process
        // cannot blur them; once healthy again it answers well within the second.
        try await PaymentsGatewayFixture.with(PaymentsGatewaySettings(latency: .seconds(4))) { url, ledger in
            let configuration = PaymentsGatewayFixture.configuration(
                url: url,
                failures: 2,
                // Long enough that a starved process still asks again while the circuit is open.
                reset: .seconds(3),
                timeout: .seconds(1)
            )
            try await TestService.withClient(configuration) { client in
                let token = try await client.user("patient")
                let slow = try await client.placeOrder(token: token)
                #expect(slow.status == .serviceUnavailable)
                #expect(try await client.metric("payments_circuit_state") == 1)
                #expect(try await client.placeOrder(token: token).problemCode == "payments-circuit-open")
                await ledger.update(PaymentsGatewaySettings())
                try await Task.sleep(for: .milliseconds(3100))
                let recovered = try await client.placeOrder(token: token, product: "p-7")
                #expect(recovered.status == .created, "\(String(buffer: recovered.body))")
                #expect(try await client.metric("payments_circuit_state") == 0)
            }
        }
    }

    @Test func aFailedPaymentIsCompensatedRefundedAndStockReleased() async throws {
        try await PaymentsGatewayFixture.with(PaymentsGatewaySettings(failureRate: 1)) { url, ledger in
            let configuration = PaymentsGatewayFixture.configuration(url: url, attempts: 2, failures: 10)
            let app = try await buildRouterForTests(configuration)
            try await app.application.test(.router) { client in
                let token = try await client.user("declined")
                let before = try await app.orders.stock(of: "p-9")
                let response = try await client.placeOrder(token: token, product: "p-9", quantity: 7)
                #expect(response.status == .serviceUnavailable)
                #expect(response.problemCode == "payment-unavailable")
                #expect(try await app.orders.stock(of: "p-9") == before)
                let entries = await ledger.all()
                #expect(entries.count == 1 && entries[0].refunded && entries[0].timesCharged == 0)
                #expect(try await app.orders.unfinished().isEmpty)
            }
        }
    }
}

/// An application plus the repository behind it, to look at stock and saga states directly.
struct ApplicationWithOrders<App: ApplicationProtocol> {
    let application: App
    let orders: any OrderStore
}

func buildRouterForTests(_ configuration: OrderServiceConfiguration) async throws
    -> ApplicationWithOrders<some ApplicationProtocol>
{
    let services = try await buildServices(configuration, metrics: ServiceMetrics(), logger: .init(label: "t"))
    let app = Application(router: services.router(maxBodyBytes: configuration.http.maxBodyBytes))
    return ApplicationWithOrders(application: app, orders: services.orders)
}
