import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `order-service` executable on loopback: out-of-the-box start, a full order flow, SIGTERM, bad config.
@Suite struct OrderServiceProcessTests {
    @Test func theRealExecutableServesAnOrderFlowAndStopsCleanlyOnSIGTERM() async throws {
        let service = try ChildProcess(
            "order-service",
            ["--host", "127.0.0.1", "--port", "0", "--database", ":memory:"]
        )
        defer { service.terminate() }
        let line = try await service.waitForLine(containing: "listening on")
        let base = try #require(line.split(separator: " ").last.map(String.init))
        let health = try await Self.call(base, "GET", "/health")
        #expect(health.status == 200)
        #expect(String(decoding: health.body, as: UTF8.self) == #"{"status":"ok"}"#)

        let credentials = #"{"username":"e2e-user","password":"e2e-password"}"#
        #expect(try await Self.call(base, "POST", "/api/v1/auth/register", json: credentials).status == 201)
        let login = try await Self.call(base, "POST", "/api/v1/auth/login", json: credentials)
        let token = try #require(Self.object(login.body)["token"] as? String)
        let order = try await Self.call(
            base,
            "POST",
            "/api/v1/orders",
            json: #"{"items":[{"productId":"p-3","quantity":2}]}"#,
            headers: ["Authorization": "Bearer \(token)", "Idempotency-Key": "e2e-1"]
        )
        #expect(order.status == 201)
        let id = try #require(Self.object(order.body)["id"] as? String)
        let fetched = try await Self.call(
            base,
            "GET",
            "/api/v1/orders/\(id)",
            headers: ["Authorization": "Bearer \(token)"]
        )
        #expect(fetched.status == 200)
        #expect(Self.object(fetched.body)["totalCents"] as? Int == 2 * 399)

        kill(service.process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(10)
        while service.process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!service.process.isRunning)
        #expect(service.process.terminationReason == .exit)
        #expect(service.process.terminationStatus == 0)
    }

    @Test func sigtermLetsAnInFlightSlowOrderFinishBeforeExitingZero() async throws {
        // The payments gateway answers each charge after 800 ms (under the 1 s attempt timeout): a slow order.
        let payments = try ChildProcess("order-service", ["payments", "--port", "0", "--latency-ms", "800"])
        defer { payments.terminate() }
        let gateway = try #require(
            try await payments.waitForLine(containing: "payments listening").split(separator: " ").last
        )
        let service = try ChildProcess(
            "order-service",
            ["--host", "127.0.0.1", "--port", "0", "--database", ":memory:", "--payments-url", String(gateway)]
        )
        defer { service.terminate() }
        let line = try await service.waitForLine(containing: "listening on")
        let base = try #require(line.split(separator: " ").last.map(String.init))
        let credentials = #"{"username":"slow-user","password":"slow-password"}"#
        #expect(try await Self.call(base, "POST", "/api/v1/auth/register", json: credentials).status == 201)
        let login = try await Self.call(base, "POST", "/api/v1/auth/login", json: credentials)
        let token = try #require(Self.object(login.body)["token"] as? String)

        let start = ContinuousClock.now
        async let order = Self.call(
            base,
            "POST",
            "/api/v1/orders",
            json: #"{"items":[{"productId":"p-1","quantity":1}]}"#,
            headers: ["Authorization": "Bearer \(token)", "Idempotency-Key": "slow-1"]
        )
        try await Task.sleep(for: .milliseconds(300))
        kill(service.process.processIdentifier, SIGTERM)
        let response = try await order
        #expect(response.status == 201, "\(String(decoding: response.body, as: UTF8.self))")
        #expect(Self.object(response.body)["status"] as? String == "confirmed")
        #expect(ContinuousClock.now - start >= .milliseconds(800), "the order waited for its charge")
        let deadline = ContinuousClock.now + .seconds(10)
        while service.process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!service.process.isRunning)
        #expect(service.process.terminationReason == .exit)
        #expect(service.process.terminationStatus == 0)
    }

    @Test func anInvalidConfigurationExitsWithEXCONFIGAndSaysWhy() async throws {
        let result = try await ChildProcess.run("order-service", ["--config", "/nonexistent/order-service.yaml"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("/nonexistent/order-service.yaml: no such configuration file"))
    }

    @Test func helpDescribesTheConfiguration() async throws {
        let overview = try await ChildProcess.run("order-service", ["--help"])
        #expect(overview.status == 0)
        for text in ["serve", "payments"] { #expect(overview.stdout.contains(text), "missing \(text)") }
        let result = try await ChildProcess.run("order-service", ["serve", "--help"])
        #expect(result.status == 0)
        for text in ["--config", "--port", "--payments-url", "ORDERPROCESSING_", "SIGTERM"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }

    static func call(
        _ base: String,
        _ method: String,
        _ path: String,
        json: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: try #require(URL(string: base + path)))
        request.httpMethod = method
        request.timeoutInterval = 10
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (body, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, body)
    }

    static func object(_ body: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
}
