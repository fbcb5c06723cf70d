import Foundation
import TestSupport
import Testing

/// Instances on one PostgreSQL database: the saga of an instance killed mid-charge is finished by another, once.
@Suite struct SagaTakeoverTests {
    typealias HTTP = OrderServiceProcessTests
    typealias Crash = OrderServiceCrashTests

    static let recovered = #"order_sagas_total{outcome="confirmed",recovered="true"} "#

    @Test func aSagaLeftByASIGKILLedInstanceIsFinishedByExactlyOneOther() async throws {
        guard let cluster = try await PostgresCluster.shared() else {
            print("SKIPPED: \(PostgresCluster.missingReason)")
            return
        }
        let workspace = try Workspace()
        // Each charge takes 1.5 s at the gateway: long enough to kill the instance while it waits for it.
        let payments = try ChildProcess("order-service", ["payments", "--port", "0", "--latency-ms", "1500"])
        defer { payments.terminate() }
        let paymentsBase = try #require(
            try await payments.waitForLine(containing: "payments listening").split(separator: " ").last
        )
        let configuration = try workspace.write(
            "service.yaml",
            """
            database: { url: "\(try await cluster.freshDatabaseURL())", poolSize: 4 }
            jwt: { secret: saga-takeover-test-secret-0123456789abcdef }
            payments: { url: "\(paymentsBase)", timeoutMs: 2000, deadlineMs: 2000, maxAttempts: 1 }
            saga: { leaseMs: 5000, recoveryIntervalMs: 200 }
            log: { level: warning }
            """
        )
        let arguments = ["--config", configuration, "--port", "0"]
        let doomed = try ChildProcess("order-service", arguments)
        defer { doomed.terminate() }
        let doomedBase = try Crash.baseURL(try await doomed.waitForLine(containing: "listening on"))
        let survivors = try (0..<2).map { _ in try ChildProcess("order-service", arguments) }
        defer { survivors.forEach { $0.terminate() } }
        var bases: [String] = []
        for survivor in survivors {
            bases.append(try Crash.baseURL(try await survivor.waitForLine(containing: "listening on")))
        }
        let token = try await Crash.token(doomedBase)
        let authorization = ["Authorization": "Bearer \(token)"]

        // The order is placed on the doomed instance, which dies while the gateway holds its charge.
        let placing = Task {
            try? await HTTP.call(
                doomedBase,
                "POST",
                "/api/v1/orders",
                json: #"{"items":[{"productId":"p-5","quantity":1}]}"#,
                headers: authorization
            )
        }
        var orderID: String?
        let seen = ContinuousClock.now + .seconds(30)
        while orderID == nil && ContinuousClock.now < seen {
            let page = HTTP.object(try await HTTP.call(bases[0], "GET", "/api/v1/orders", headers: authorization).body)
            let orders = page["orders"] as? [[String: Any]] ?? []
            orderID = orders.first { $0["status"] as? String == "charging" }?["id"] as? String
            if orderID == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let id = try #require(orderID, "the order never reached charging on the doomed instance")
        kill(doomed.process.processIdentifier, SIGKILL)
        doomed.process.waitUntilExit()
        _ = await placing.value

        // Once its lease runs out (5 s after it was placed), one survivor takes the saga over and confirms it.
        var status: String?
        let finished = ContinuousClock.now + .seconds(60)
        while status != "confirmed" && ContinuousClock.now < finished {
            let order = HTTP.object(
                try await HTTP.call(bases[1], "GET", "/api/v1/orders/\(id)", headers: authorization).body
            )
            status = order["status"] as? String
            if status != "confirmed" { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(status == "confirmed")
        var takeovers = 0.0
        for base in bases { takeovers += try await Crash.metric(base, Self.recovered) ?? 0 }
        #expect(takeovers == 1, "exactly one survivor finished the saga")
        let ledger =
            try JSONSerialization.jsonObject(with: try await HTTP.call(String(paymentsBase), "GET", "/payments").body)
            as? [[String: Any]] ?? []
        let entry = ledger.first { $0["orderId"] as? String == id }
        #expect(
            entry?["timesCharged"] as? Int == 1 && entry?["refunded"] as? Bool == false,
            "\(String(describing: entry))"
        )
    }
}
