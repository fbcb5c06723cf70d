import Foundation
import TestSupport
import Testing

/// The cluster target (PostgreSQL, Redis, payments, three instances, haproxy) started by the real `ordeal`, loaded,
/// and stopped with nothing left running.
@Suite struct ClusterTargetTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Why the cluster cannot run here, nil when PostgreSQL, redis-server and haproxy are all installed.
    static var missing: String? {
        var missing: [String] = []
        if ServerBinaries.postgresBin == nil { missing.append("postgresql") }
        if ServerBinaries.find(["/usr/bin/redis-server"]) == nil { missing.append("redis-server") }
        if ServerBinaries.find(["/usr/sbin/haproxy", "/usr/bin/haproxy"]) == nil { missing.append("haproxy") }
        return missing.isEmpty ? nil : "SKIPPED: the cluster needs apt-get install \(missing.joined(separator: " "))"
    }

    /// The ports of one cluster.
    struct Ports {
        let postgres: Int, db: Int, redis: Int, payments: Int, paymentsProxy: Int, haproxy: Int, api: Int
        let instances: [Int]

        init() throws {
            postgres = try RefusingPort.free()
            db = try RefusingPort.free()
            redis = try RefusingPort.free()
            payments = try RefusingPort.free()
            paymentsProxy = try RefusingPort.free()
            haproxy = try RefusingPort.free()
            api = try RefusingPort.free()
            instances = try (0..<3).map { _ in try RefusingPort.free() }
        }
    }

    /// The shipped cluster target with ports of its own: the same scripts and shared configuration file, the
    /// addresses and certificate files given to the instances through the environment (which beats the file).
    static func target(_ ports: Ports, in workspace: Workspace) throws -> String {
        let cluster = repository + "/targets/cluster"
        // As the shipped target: payments over HTTPS with mutual TLS, certificates written by the gateway's start.
        let certificates = workspace.path("certs")
        let instances = ports.instances.enumerated().map { index, port in
            """
              - name: order-\(index + 1)
                command: order-service
                arguments: [--config, \(cluster)/order-service.yaml, --port, "\(port)"]
                environment:
                  ORDERPROCESSING_DATABASE_URL: postgres://ordeal@127.0.0.1:\(ports.db)/postgres
                  ORDERPROCESSING_REDIS_URL: redis://127.0.0.1:\(ports.redis)
                  ORDERPROCESSING_PAYMENTS_URL: https://127.0.0.1:\(ports.paymentsProxy)
                  ORDERPROCESSING_PAYMENTS_TLS_CA: \(certificates)/ca.pem
                  ORDERPROCESSING_PAYMENTS_TLS_CERTIFICATE: \(certificates)/client.pem
                  ORDERPROCESSING_PAYMENTS_TLS_KEY: \(certificates)/client-key.pem
                ready: { http: "http://127.0.0.1:\(port)/ready", deadline: 90s }
            """
        }
        return try workspace.write(
            "cluster.yaml",
            """
            name: cluster
            url: http://127.0.0.1:\(ports.api)
            processes:
              - name: postgres
                command: \(cluster)/postgres.sh
                arguments: ["\(ports.postgres)"]
                ready: { tcp: "127.0.0.1:\(ports.postgres)", deadline: 90s }
              - name: redis
                command: redis-server
                arguments: [--port, "\(ports.redis)", --bind, 127.0.0.1, --save, "", --appendonly, "no", --dir, /tmp]
                ready: { tcp: "127.0.0.1:\(ports.redis)", deadline: 30s }
              - name: payments
                command: /bin/sh
                arguments:
                  - -c
                  - >-
                    order-service dev-cert --out \(certificates) > /dev/null &&
                    exec order-service payments --port \(ports.payments) --tls-cert \(certificates)/server.pem
                    --tls-key \(certificates)/server-key.pem --tls-client-ca \(certificates)/ca.pem
                ready: { tcp: "127.0.0.1:\(ports.payments)", deadline: 60s }
            \(instances.joined(separator: "\n"))
              - name: haproxy
                command: \(cluster)/haproxy.sh
                arguments: ["\(ports.haproxy)", \(ports.instances.map { "\"\($0)\"" }.joined(separator: ", "))]
                ready: { http: "http://127.0.0.1:\(ports.haproxy)/ready", deadline: 30s }
            proxies:
              - { name: api, listen: "127.0.0.1:\(ports.api)", upstream: "127.0.0.1:\(ports.haproxy)" }
              - { name: db, listen: "127.0.0.1:\(ports.db)", upstream: "127.0.0.1:\(ports.postgres)" }
              - { name: payments, listen: "127.0.0.1:\(ports.paymentsProxy)", upstream: "127.0.0.1:\(ports.payments)" }
            metrics:
            \(ports.instances.map { "  - http://127.0.0.1:\($0)/metrics" }.joined(separator: "\n"))
            """
        )
    }

    /// The processes whose command line names `program` and one of `ports`.
    static func leftovers(_ ports: Ports) throws -> [String] {
        let all = [ports.postgres, ports.redis, ports.haproxy] + ports.instances
        return try all.flatMap { port in
            try ProcessTable.pids(withCommandLineContaining: "\(port)").compactMap { pid -> String? in
                let line = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
                let words = line.split(separator: "\0").map(String.init)
                guard words.contains(String(port)) || words.contains("127.0.0.1:\(port)") else { return nil }
                return "\(pid): \(words.joined(separator: " "))"
            }
        }
    }

    @Test func theClusterServesALoadThroughHAProxyAndStopsWithNothingLeftRunning() async throws {
        if let missing = Self.missing {
            print(missing)
            return
        }
        let workspace = try Workspace()
        let ports = try Ports()
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()))
        _ = try Self.target(ports, in: workspace)
        let scenario = try workspace.write(
            "scenario.yaml",
            """
            name: cluster
            target: cluster.yaml
            defaults: { timeout: 10s }
            load: [ { name: steady, arrival-rate: 10/s, duration: 8s, max-in-flight: 200 } ]
            flow:
              - name: register
                post: /api/v1/auth/register
                json: { username: "u-${uuid()}", password: "cluster-password" }
                capture: { username: $.username }
                check: { status: 201 }
              - name: login
                post: /api/v1/auth/login
                json: { username: "${username}", password: "cluster-password" }
                capture: { token: $.token }
                check: { status: 200 }
              - name: create-order
                post: /api/v1/orders
                headers: { Authorization: "Bearer ${token}", Idempotency-Key: "${uuid()}" }
                json: { items: [ { productId: "p-3", quantity: 1 } ] }
                capture: { orderId: $.id }
                check: { status: 201, json: { $.status: confirmed } }
              - name: get-order
                get: /api/v1/orders/${orderId}
                headers: { Authorization: "Bearer ${token}" }
                check: { status: 200, json: { $.status: confirmed } }
            slo:
              - error-rate == 0%
            """
        )
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: .seconds(300)
        )
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        let report = try #require(
            JSONSerialization.jsonObject(with: workspace.read("out/report.json")) as? [String: Any]
        )
        let overall = try #require(report["overall"] as? [String: Any])
        #expect(overall["errors"] as? Int == 0, "\(overall)")
        #expect((overall["requests"] as? Int ?? 0) >= 4 * 40, "\(overall)")
        // Round-robin: every instance created orders (scraped from each one's /metrics during the run).
        let series = report["targetMetrics"] as? [[String: Any]] ?? []
        for port in ports.instances {
            let created = series.first {
                $0["series"] as? String == "orders_created_total"
                    && ($0["source"] as? String)?.contains(":\(port)/") == true
            }
            #expect(
                (created?["increase"] as? Int ?? 0) >= 1,
                "instance on \(port) created no order: \(String(describing: created))"
            )
        }
        let leftovers = try Self.leftovers(ports)
        #expect(leftovers.isEmpty, "still running: \(leftovers)")
        let now = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()))
        let newClusters = now.subtracting(folders).filter { $0.hasPrefix("ordeal-cluster-postgres") }
        #expect(newClusters.isEmpty, "PostgreSQL's folder was left behind: \(newClusters)")
    }
}
