import Foundation
import TestSupport
import Testing

/// Short versions of the shipped process-fault scenarios, run by the real `ordeal` on the real order service.
@Suite struct ChaosScenarioTests {
    typealias HTTP = OrderServiceProcessTests

    /// Orders are placed with this one user, registered before the run, so they can be read back after it.
    static let credentials = #"{"username":"chaos-user","password":"chaos-password"}"#

    /// A target with the order service on `database` (a file, or :memory:) behind a proxy "api", on free ports;
    /// `api` frames HTTP/1.1 (so HTTP toxics apply) when `protocol` is "http".
    static func target(in workspace: Workspace, database: String, protocol: String = "tcp") throws
        -> (path: String, service: Int)
    {
        let service = try RefusingPort.free()
        let proxy = try RefusingPort.free()
        let payments = try RefusingPort.free()
        let path = try workspace.write(
            "target.yaml",
            """
            name: order-service
            url: http://127.0.0.1:\(proxy)
            processes:
              - name: payments
                command: order-service
                arguments: [payments, --port, "\(payments)"]
                ready: { http: "http://127.0.0.1:\(payments)/health", deadline: 60s }
              - name: order-service
                command: order-service
                arguments: [--port, "\(service)", --database, "\(database)", --payments-url, "http://127.0.0.1:\(payments)"]
                environment:
                  ORDERPROCESSING_LOG_LEVEL: warning
                  ORDERPROCESSING_BCRYPT_COST: "4"
                  ORDERPROCESSING_JWT_SECRET: chaos-end-to-end-signing-secret-0123456789abcdef
                  ORDERPROCESSING_RATE_LIMIT_IP_WRITES_PER_SECOND: "100000"
                  ORDERPROCESSING_RATE_LIMIT_IP_WRITE_BURST: "100000"
                  ORDERPROCESSING_RATE_LIMIT_USER_WRITES_PER_SECOND: "100000"
                  ORDERPROCESSING_RATE_LIMIT_USER_WRITE_BURST: "100000"
                ready: { http: "http://127.0.0.1:\(service)/ready", deadline: 60s }
            proxies:
              - { name: api, listen: "127.0.0.1:\(proxy)", upstream: "127.0.0.1:\(service)", protocol: \(`protocol`) }
            """
        )
        return (path, service)
    }

    static func report(_ workspace: Workspace) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: workspace.read("out/report.json")) as? [String: Any])
    }

    /// Runs `scenario` with the real `ordeal`, expects every SLO to hold, and returns the report.
    static func run(_ scenario: String, in workspace: Workspace, timeout: Duration) async throws -> [String: Any] {
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: timeout
        )
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        return try report(workspace)
    }

    /// chaos-process-pause in short: a 1 s pause shows as a 1 s stall in the tail, and nothing fails.
    @Test func aOneSecondPauseShowsInTheTailAndLosesNothing() async throws {
        let workspace = try Workspace()
        _ = try Self.target(in: workspace, database: ":memory:")
        let scenario = try workspace.write(
            "scenario.yaml",
            """
            name: pause
            target: target.yaml
            load: [ { name: steady, arrival-rate: 20/s, duration: 6s, max-in-flight: 200 } ]
            flow: [ { name: health, get: /health, check: { status: 200 } } ]
            faults:
              - { at: 2s, for: 1s, process: order-service, pause: true }
            slo:
              - during faults: error-rate == 0%
              - during faults: max > 900ms
            """
        )
        let report = try await Self.run(scenario, in: workspace, timeout: .seconds(90))
        let window = try #require((report["faults"] as? [[String: Any]])?.first)
        #expect(window["description"] as? String == "order-service paused")
        let length = (window["end"] as? Double ?? 0) - (window["start"] as? Double ?? 0)
        #expect(length >= 1 && length < 5, "\(window)")
        let overall = try #require(report["overall"] as? [String: Any])
        #expect(overall["errors"] as? Int == 0)
    }

    /// chaos-instance-restart in short: killed mid-load, restarted on its file; every acknowledged order exists,
    /// none is left half-done, and the stock adds up.
    @Test func aKilledAndRestartedServiceKeepsEveryAcknowledgedOrder() async throws {
        let workspace = try Workspace()
        let database = workspace.path("orders.sqlite")
        let (_, port) = try Self.target(in: workspace, database: database)
        let serviceArguments = ["--port", "\(port)", "--database", database]
        // The user exists before the run, in the file the run's service will open. Its password is hashed at the
        // run's cost 4: at the default cost 12 each login is about 270 ms of bcrypt, and 10 logins a second would
        // need more than the two cores this runs on, which a loaded machine showed as logins queueing to timeouts.
        do {
            let service = try ChildProcess(
                "order-service",
                serviceArguments,
                environment: ["ORDERPROCESSING_BCRYPT_COST": "4"]
            )
            defer { service.terminate() }
            _ = try await service.waitForLine(containing: "listening on")
            _ = try await HTTP.call("http://127.0.0.1:\(port)", "POST", "/api/v1/auth/register", json: Self.credentials)
        }
        let scenario = try workspace.write(
            "scenario.yaml",
            """
            name: restart
            target: target.yaml
            defaults: { timeout: 5s }
            load: [ { name: steady, arrival-rate: 10/s, duration: 10s, max-in-flight: 200 } ]
            flow:
              - name: login
                post: /api/v1/auth/login
                json: \(Self.credentials)
                capture: { token: $.token }
                check: { status: 200 }
              - name: create-order
                post: /api/v1/orders
                headers: { Authorization: "Bearer ${token}", Idempotency-Key: "${uuid()}" }
                json: { items: [ { productId: "p-${randomInt(1, 5)}", quantity: 2 } ] }
                check: { status: 201, json: { $.status: confirmed } }
            faults:
              - { at: 3s, process: order-service, kill: true, restart-after: 1s }
            slo:
              # Recovered: a service still down would fail every request. Not 0 %: on a starved two-core machine
              # (other suites, builds) a debug service can time out a few requests without any fault.
              - after faults: error-rate < 50%
            """
        )
        let report = try await Self.run(scenario, in: workspace, timeout: .seconds(120))
        let window = try #require((report["faults"] as? [[String: Any]])?.first)
        let start = try #require(window["start"] as? Double)
        let ready = try #require(window["ready"] as? Double, "readiness came back: \(window)")
        #expect(window["end"] as? Double == ready)
        #expect(ready - start >= 1, "\(window)")
        let requests = try #require(report["requests"] as? [[String: Any]])
        let orders = try #require(requests.first { $0["name"] as? String == "create-order" })
        let acknowledged = (orders["requests"] as? Int ?? 0) - (orders["errors"] as? Int ?? 0)
        #expect(acknowledged > 0)

        // Read the file back through a fresh service.
        let service = try ChildProcess("order-service", serviceArguments)
        defer { service.terminate() }
        let base = try OrderServiceCrashTests.baseURL(try await service.waitForLine(containing: "listening on"))
        let login = try await HTTP.call(base, "POST", "/api/v1/auth/login", json: Self.credentials)
        let token = try #require(HTTP.object(login.body)["token"] as? String)
        let all = try await OrderServiceCrashTests.allOrders(base, token: token)
        let confirmed = all.filter { $0["status"] as? String == "confirmed" }
        // Every 201 is a confirmed order in the file; an order cut off by the kill was finished or compensated.
        #expect(confirmed.count >= acknowledged, "\(confirmed.count) confirmed, \(acknowledged) acknowledged")
        #expect(all.allSatisfy { ["confirmed", "failed"].contains($0["status"] as? String) }, "\(all)")
        var held: [String: Int] = [:]
        for order in confirmed {
            for item in order["items"] as? [[String: Any]] ?? [] {
                held[item["productId"] as? String ?? "", default: 0] += item["quantity"] as? Int ?? 0
            }
        }
        let catalogue = HTTP.object(try await HTTP.call(base, "GET", "/api/v1/products").body)
        let stock = Dictionary(
            uniqueKeysWithValues: (catalogue["products"] as? [[String: Any]] ?? []).map {
                ($0["id"] as? String ?? "", $0["stock"] as? Int ?? -1)
            }
        )
        for product in (1...5).map({ "p-\($0)" }) {
            #expect(
                stock[product].map { OrderServiceCrashTests.seededStock - $0 } == held[product, default: 0],
                "\(product) stock"
            )
        }
    }

    /// chaos-http-errors in short, through an HTTP-mode proxy: while the http_status toxic is on, the client sees the
    /// injected 503s on the one endpoint it matches and nowhere else; before and after, that endpoint is clean.
    @Test func injectedStatusesReachTheClientOnTheMatchedEndpointOnly() async throws {
        let workspace = try Workspace()
        _ = try Self.target(in: workspace, database: ":memory:", protocol: "http")
        let scenario = try workspace.write(
            "scenario.yaml",
            """
            name: http-errors
            target: target.yaml
            defaults: { timeout: 10s }
            load: [ { name: steady, arrival-rate: 10/s, duration: 9s, max-in-flight: 200 } ]
            flow:
              - name: register
                post: /api/v1/auth/register
                json: { username: "u-${uuid()}", password: "chaos-password" }
                capture: { username: $.username }
                check: { status: 201 }
              - name: login
                post: /api/v1/auth/login
                json: { username: "${username}", password: "chaos-password" }
                capture: { token: $.token }
                check: { status: 200 }
              - name: create-order
                post: /api/v1/orders
                headers: { Authorization: "Bearer ${token}", Idempotency-Key: "${uuid()}" }
                json: { items: [ { productId: "p-${randomInt(1, 100)}", quantity: 1 } ] }
                check: { status: 201 }
            faults:
              - at: 3s
                for: 3s
                proxy: api
                http_status: { status: 503, retry_after: 1s, method: POST, path: /api/v1/orders, toxicity: 100% }
            slo:
              - during faults: create-order error-rate > 50%
              - during faults: login error-rate == 0%
              - during faults: register error-rate == 0%
            """
        )
        let report = try await Self.run(scenario, in: workspace, timeout: .seconds(120))
        let requests = try #require(report["requests"] as? [[String: Any]])
        func codes(_ name: String) -> [String: Int] {
            requests.first { $0["name"] as? String == name }?["statusCodes"] as? [String: Int] ?? [:]
        }
        // The proxy answered the matched requests itself; the service answered the rest.
        #expect(codes("create-order")["503", default: 0] > 0, "\(codes("create-order"))")
        #expect(codes("create-order")["201", default: 0] > 0, "\(codes("create-order"))")
        #expect(Set(codes("create-order").keys).isSubset(of: ["201", "503"]), "\(codes("create-order"))")
        #expect(codes("login").keys.sorted() == ["200"], "\(codes("login"))")
        #expect(codes("register").keys.sorted() == ["201"], "\(codes("register"))")
    }
}
