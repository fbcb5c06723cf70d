import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real executables under a kill -9 and a reload: the saga's durability and the feature flags' SIGHUP.
@Suite struct OrderServiceCrashTests {
    typealias HTTP = OrderServiceProcessTests

    /// Every product's stock before any order (ProductCatalogue seeds 10,000 of each).
    static let seededStock = 10_000

    struct Acknowledged: Sendable {
        let id: String
        let product: String
        let quantity: Int
    }

    @Test func killedMidBurstEveryAcknowledgedOrderSurvivesAndNoStockLeaksOrIsChargedTwice() async throws {
        let workspace = try Workspace()
        let payments = try ChildProcess("order-service", ["payments", "--port", "0", "--latency-ms", "15"])
        defer { payments.terminate() }
        let paymentsBase = try #require(
            try await payments.waitForLine(containing: "payments listening").split(separator: " ").last
        )
        let configuration = try workspace.write(
            "service.yaml",
            """
            database: { path: \(workspace.path("orders.sqlite")) }
            jwt: { secret: crash-test-secret-that-is-long-enough-0123456789 }
            payments: { url: "\(paymentsBase)" }
            log: { level: warning }
            rateLimit:   # four clients writing as fast as they can would meet the shipped 10 writes/s
              ip: { writesPerSecond: 100000, writeBurst: 100000 }
              user: { writesPerSecond: 100000, writeBurst: 100000 }
            """
        )
        let arguments = ["--config", configuration, "--port", "0"]
        let first = try ChildProcess("order-service", arguments)
        defer { first.terminate() }
        let base = try Self.baseURL(try await first.waitForLine(containing: "listening on"))
        let token = try await Self.token(base)

        // Four clients place orders until the process dies (at most 150 each, at most 20 s).
        let acknowledged = AcknowledgedOrders()
        let killer = Task {
            while acknowledged.count < 30 { try await Task.sleep(for: .milliseconds(5)) }
            kill(first.process.processIdentifier, SIGKILL)
        }
        await withTaskGroup(of: Void.self) { group in
            for client in 0..<4 {
                group.addTask {
                    let deadline = ContinuousClock.now + .seconds(20)
                    for attempt in 0..<150 where ContinuousClock.now < deadline {
                        let product = "p-\(1 + (client + attempt) % 5)"
                        let quantity = 1 + attempt % 3
                        guard
                            let response = try? await HTTP.call(
                                base,
                                "POST",
                                "/api/v1/orders",
                                json: #"{"items":[{"productId":"\#(product)","quantity":\#(quantity)}]}"#,
                                headers: [
                                    "Authorization": "Bearer \(token)", "Idempotency-Key": "c\(client)-\(attempt)",
                                ]
                            )
                        else { return }
                        if response.status == 201, let id = HTTP.object(response.body)["id"] as? String {
                            acknowledged.append(Acknowledged(id: id, product: product, quantity: quantity))
                        }
                    }
                }
            }
        }
        killer.cancel()
        first.process.waitUntilExit()
        #expect(first.process.terminationReason == .uncaughtSignal, "the burst ended because of the kill")

        let second = try ChildProcess("order-service", arguments)
        defer { second.terminate() }
        let restarted = try Self.baseURL(try await second.waitForLine(containing: "listening on"))
        let orders = try await Self.allOrders(restarted, token: token)
        let byID = Dictionary(uniqueKeysWithValues: orders.map { ($0["id"] as? String ?? "", $0) })
        let acked = acknowledged.all
        #expect(acked.count >= 30)
        for order in acked {
            #expect(byID[order.id]?["status"] as? String == "confirmed", "acknowledged order \(order.id) is confirmed")
        }
        let unfinished = orders.filter { ["pending", "charging", "compensating"].contains($0["status"] as? String) }
        #expect(unfinished.isEmpty, "recovery finished every saga: \(unfinished)")

        // Stock: what left each product is exactly what confirmed orders hold.
        var held: [String: Int] = [:]
        for order in orders where order["status"] as? String == "confirmed" {
            for item in order["items"] as? [[String: Any]] ?? [] {
                held[item["productId"] as? String ?? "", default: 0] += item["quantity"] as? Int ?? 0
            }
        }
        let catalogue = HTTP.object(try await HTTP.call(restarted, "GET", "/api/v1/products").body)
        let stock = Dictionary(
            uniqueKeysWithValues: (catalogue["products"] as? [[String: Any]] ?? []).map {
                ($0["id"] as? String ?? "", $0["stock"] as? Int ?? -1)
            }
        )
        for product in (1...5).map({ "p-\($0)" }) {
            #expect(stock[product].map { Self.seededStock - $0 } == held[product, default: 0], "\(product) stock")
        }

        // Payments: nothing charged twice, every confirmed order charged once, every failed one not kept.
        let ledger =
            try JSONSerialization.jsonObject(
                with: try await HTTP.call(String(paymentsBase), "GET", "/payments").body
            ) as? [[String: Any]] ?? []
        let entries = Dictionary(uniqueKeysWithValues: ledger.map { ($0["orderId"] as? String ?? "", $0) })
        #expect(ledger.allSatisfy { ($0["timesCharged"] as? Int ?? 9) <= 1 })
        for order in orders {
            let id = order["id"] as? String ?? ""
            let entry = entries[id]
            switch order["status"] as? String {
            case "confirmed":
                #expect(entry?["timesCharged"] as? Int == 1 && entry?["refunded"] as? Bool == false, "\(id)")
            case "failed":
                #expect(entry == nil || entry?["refunded"] as? Bool == true, "\(id) kept its money")
            default:
                Issue.record("order \(id) ended \(order["status"] ?? "?")")
            }
        }
    }

    /// The orders the service answered 201, collected by several client tasks.
    final class AcknowledgedOrders: Sendable {
        private let orders = Mutex<[Acknowledged]>([])
        func append(_ order: Acknowledged) { orders.withLock { $0.append(order) } }
        var count: Int { orders.withLock { $0.count } }
        var all: [Acknowledged] { orders.withLock { $0 } }
    }

    @Test func sighupAndAChangedFileReloadFeatureFlagsWithoutARestart() async throws {
        let workspace = try Workspace()
        let file = try workspace.write("flags.yaml", "database: { path: \":memory:\" }\nfeatures: { cache: true }\n")
        let service = try ChildProcess("order-service", ["--config", file, "--port", "0"])
        defer { service.terminate() }
        let base = try Self.baseURL(try await service.waitForLine(containing: "listening on"))
        let flag = #"feature_enabled{feature="cache"} "#
        #expect(try await Self.metric(base, flag) == 1)

        try workspace.write("flags.yaml", "database: { path: \":memory:\" }\nfeatures: { cache: false }\n")
        kill(service.process.processIdentifier, SIGHUP)
        #expect(try await Self.eventually { try await Self.metric(base, flag) == 0 })
        #expect(service.process.isRunning, "SIGHUP reloads; it does not end the process")

        // No signal this time: the file watch alone sees the change.
        try workspace.write("flags.yaml", "database: { path: \":memory:\" }\nfeatures: { cache: true }\n")
        #expect(try await Self.eventually { try await Self.metric(base, flag) == 1 })

        // An invalid file is refused and the flags in force stay.
        try workspace.write("flags.yaml", "features: { cache: maybe }\n")
        kill(service.process.processIdentifier, SIGHUP)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await Self.metric(base, flag) == 1)
        #expect(service.process.isRunning)
    }

    static func baseURL(_ line: String) throws -> String {
        try #require(line.split(separator: " ").last.map(String.init))
    }

    static func token(_ base: String) async throws -> String {
        let credentials = #"{"username":"crash-user","password":"crash-password"}"#
        _ = try await HTTP.call(base, "POST", "/api/v1/auth/register", json: credentials)
        let login = try await HTTP.call(base, "POST", "/api/v1/auth/login", json: credentials)
        return try #require(HTTP.object(login.body)["token"] as? String)
    }

    /// Every order of the token's user, page by page.
    static func allOrders(_ base: String, token: String) async throws -> [[String: Any]] {
        var orders: [[String: Any]] = []
        var cursor: String?
        for _ in 0..<100 {
            let query = "?limit=100" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = HTTP.object(
                try await HTTP.call(
                    base,
                    "GET",
                    "/api/v1/orders" + query,
                    headers: ["Authorization": "Bearer \(token)"]
                )
                .body
            )
            orders += page["orders"] as? [[String: Any]] ?? []
            guard let next = page["nextCursor"] as? String else { return orders }
            cursor = next
        }
        return orders
    }

    static func metric(_ base: String, _ series: String) async throws -> Double? {
        let text = String(decoding: try await HTTP.call(base, "GET", "/metrics").body, as: UTF8.self)
        return text.split(separator: "\n").first { $0.hasPrefix(series) }
            .flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    /// Polls `condition` for up to 5 s.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
