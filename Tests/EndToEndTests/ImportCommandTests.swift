import Foundation
import TestSupport
import Testing

/// `ordeal import` and `ordeal init` end to end: a HAR recorded against the real service and the service's own
/// OpenAPI document, each imported, validated and run against a fresh service with no error.
@Suite struct ImportCommandTests {
    /// Starts a fresh reference service on a free port; returns it and its base URL.
    static func startService(environment: [String: String] = [:]) async throws -> (ChildProcess, String) {
        let service = try ChildProcess(
            "order-service",
            ["--host", "127.0.0.1", "--port", "0", "--database", ":memory:"],
            environment: ["ORDERPROCESSING_BCRYPT_COST": "4", "ORDERPROCESSING_LOG_LEVEL": "warning"]
                .merging(environment) { $1 }
        )
        let line = try await service.waitForLine(containing: "listening on")
        let base = try #require(line.split(separator: " ").last.map(String.init))
        return (service, base)
    }

    static func overall(_ workspace: Workspace, _ folder: String) throws -> [String: Any] {
        let report = try #require(
            JSONSerialization.jsonObject(with: workspace.read("\(folder)/report.json")) as? [String: Any]
        )
        return try #require(report["overall"] as? [String: Any])
    }

    /// register → login → list products → create order → read it → list, recorded as HAR against one service,
    /// imported, validated and replayed against a fresh one: the token and the order id are correlated.
    @Test(.timeLimit(.minutes(3)))
    func aRecordedSessionReplaysAgainstAFreshService() async throws {
        let workspace = try Workspace()
        let (recorded, base) = try await Self.startService()
        let recorder = HARRecorder()
        let username = "har-\(UUID().uuidString.prefix(8).lowercased())"
        let register = try await recorder.send(
            "POST",
            "\(base)/api/v1/auth/register",
            headers: [("Accept", "application/json")],
            json: ["username": username, "password": "correct horse"]
        )
        #expect(register.status == 201)
        let login = try await recorder.send(
            "POST",
            "\(base)/api/v1/auth/login",
            headers: [("Accept", "application/json")],
            json: ["username": username, "password": "correct horse"]
        )
        let token = try #require(login.json?["token"] as? String)
        let auth = [("Accept", "application/json"), ("Authorization", "Bearer \(token)")]
        _ = try await recorder.send("GET", "\(base)/api/v1/products", headers: [("Accept", "application/json")])
        let created = try await recorder.send(
            "POST",
            "\(base)/api/v1/orders",
            headers: auth + [("Idempotency-Key", UUID().uuidString)],
            json: ["items": [["productId": "p-1", "quantity": 2]]]
        )
        #expect(created.status == 201)
        let orderID = try #require(created.json?["id"] as? String)
        let read = try await recorder.send("GET", "\(base)/api/v1/orders/\(orderID)", headers: auth)
        #expect(read.status == 200)
        _ = try await recorder.send("GET", "\(base)/api/v1/orders?limit=10", headers: auth)
        recorded.terminate()
        let har = try workspace.write("session.har", try await recorder.har())

        let (fresh, freshBase) = try await Self.startService()
        defer { fresh.terminate() }
        let scenario = workspace.path("session.yaml")
        let imported = try await ChildProcess.run(
            "ordeal",
            ["import", "har", har, "--out", scenario, "--base-url", freshBase]
        )
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        let text = try String(contentsOfFile: scenario, encoding: .utf8)
        #expect(text.contains("token: $.token"), "\(text)")
        #expect(text.contains("Bearer ${token}"), "\(text)")
        #expect(text.contains("orderId: $.id"), "\(text)")
        #expect(text.contains("/api/v1/orders/${orderId}"), "\(text)")
        #expect(text.contains("Idempotency-Key: \"${uuid()}\""), "\(text)")
        #expect(!text.contains(token) && !text.contains(orderID), "recorded values left as literals:\n\(text)")

        let validated = try await ChildProcess.run("ordeal", ["validate", scenario])
        #expect(validated.status == 0, "stderr: \(validated.stderr)\n\(text)")
        let run = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: .seconds(90)
        )
        #expect(run.status == 0, "stderr: \(run.stderr)\nstdout: \(run.stdout)\n\(text)")
        let overall = try Self.overall(workspace, "out")
        #expect(overall["requests"] as? Int == 6)
        #expect(overall["errors"] as? Int == 0, "\(run.stdout)\n\(text)")
    }

    /// The service's own /openapi.json, fetched over HTTP, imported, and run after registering the data file's
    /// account through the service: an ordinary user, so the admin routes are left out (with a warning each).
    @Test(.timeLimit(.minutes(3)))
    func theServicesOwnOpenAPIDocumentRunsWithoutErrors() async throws {
        let workspace = try Workspace()
        // The operator account only issues the integration key data/auth.csv asks for; the flow never uses it.
        let (service, base) = try await Self.startService(environment: [
            "ORDERPROCESSING_ADMIN_USERNAME": "operator", "ORDERPROCESSING_ADMIN_PASSWORD": "operator password",
        ])
        defer { service.terminate() }
        let scenario = workspace.path("api.yaml")
        let imported = try await ChildProcess.run(
            "ordeal",
            ["import", "openapi", "\(base)/openapi.json", "--out", scenario]
        )
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        let text = try String(contentsOfFile: scenario, encoding: .utf8)
        #expect(text.contains("url: \(base)   # where the document was fetched"), "\(text)")
        #expect(text.contains("/api/v1/orders/${orderId}/cancel"), "\(text)")
        #expect(text.contains("/api/v1/integrations/orders/${orderId}") && !text.contains("orderId2"), "\(text)")
        // The admin routes are named in the header comment only, never as a step.
        let steps = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(!steps.contains { $0.contains("/api/v1/admin/") }, "\(text)")
        #expect(text.contains("# Left out, as an ordinary account cannot pass them (--include-admin keeps them):"))
        #expect(
            imported.stderr.contains(
                "PUT /api/v1/admin/users/{id}/role: skipped: an ordinary account cannot pass it"
            ),
            "\(imported.stderr)"
        )

        // Register the data file's account as the service's own register route would for any user.
        let users = try String(contentsOfFile: workspace.path("data/users.csv"), encoding: .utf8)
        let rows = users.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        try #require(rows.count == 2, "\(users)")
        let account = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(account == ["username": "alice", "password": "correct horse"], "\(users)")
        let recorder = HARRecorder()
        let registered = try await recorder.send("POST", "\(base)/api/v1/auth/register", json: account)
        #expect(registered.status == 201)

        // The integrations route takes an API key, which only an administrator issues.
        let login = try await recorder.send(
            "POST",
            "\(base)/api/v1/auth/login",
            json: ["username": "operator", "password": "operator password"]
        )
        let token = try #require(login.json?["token"] as? String)
        let key = try await recorder.send(
            "POST",
            "\(base)/api/v1/admin/api-keys",
            headers: [("Authorization", "Bearer \(token)")],
            json: ["name": "import-test"]
        )
        let secret = try #require(key.json?["key"] as? String)
        let auth = try String(contentsOfFile: workspace.path("data/auth.csv"), encoding: .utf8)
        #expect(auth.hasPrefix("apiKey\n"), "\(auth)")
        try workspace.write("data/auth.csv", "apiKey\n\(secret)\n")

        let validated = try await ChildProcess.run("ordeal", ["validate", scenario])
        #expect(validated.status == 0, "stderr: \(validated.stderr)\n\(text)")
        let run = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: .seconds(90)
        )
        #expect(run.status == 0, "stderr: \(run.stderr)\nstdout: \(run.stdout)\n\(text)")
        let overall = try Self.overall(workspace, "out")
        #expect(overall["errors"] as? Int == 0, "\(run.stdout)\n\(text)")
        #expect((overall["requests"] as? Int ?? 0) >= 12, "\(run.stdout)")
    }

    @Test func malformedInputsExit65WithOneLineNamingWhere() async throws {
        let workspace = try Workspace()
        let broken = try workspace.write("broken.har", "{\"log\": {\"entries\": [\n  {\"request\": }\n]}}")
        let result = try await ChildProcess.run("ordeal", ["import", "har", broken])
        #expect(result.status == 65)
        #expect(result.stderr.contains("broken.har:2:15:"), "\(result.stderr)")
        let spec = try workspace.write("spec.json", #"{"openapi": "3.1.0", "info": {"title": 7}, "paths": {}}"#)
        let openapi = try await ChildProcess.run("ordeal", ["import", "openapi", spec])
        #expect(openapi.status == 65)
        #expect(openapi.stderr.contains("spec.json:/info"), "\(openapi.stderr)")
        let missing = try await ChildProcess.run("ordeal", ["import", "har", workspace.path("none.har")])
        #expect(missing.status == 66)
    }

    /// Two imports of one JSON document, in two processes (two hash seeds), write the same bytes.
    @Test func aJSONDocumentImportsTheSameEveryTime() async throws {
        let workspace = try Workspace()
        let (service, base) = try await Self.startService()
        defer { service.terminate() }
        let document = try await HARRecorder().send("GET", "\(base)/openapi.json")
        let spec = try workspace.write("openapi.json", String(decoding: document.body, as: UTF8.self))
        var outputs: [String] = []
        for run in 1...2 {
            let out = workspace.path("run\(run)/api.yaml")
            let imported = try await ChildProcess.run("ordeal", ["import", "openapi", spec, "--out", out])
            #expect(imported.status == 0, "\(imported.stderr)")
            outputs.append(try String(contentsOfFile: out, encoding: .utf8))
            outputs.append(try String(contentsOfFile: workspace.path("run\(run)/data/users.csv"), encoding: .utf8))
        }
        #expect(outputs[0] == outputs[2] && outputs[1] == outputs[3])
    }

    /// Without --out, a scenario that needs data files is refused: they would have nowhere to go.
    @Test func standardOutputRefusesAScenarioWithDataFiles() async throws {
        let workspace = try Workspace()
        let spec = try workspace.write(
            "spec.yaml",
            """
            openapi: 3.1.0
            info: { title: keyed, version: "1" }
            components: { securitySchemes: { key: { type: apiKey, in: header, name: X-Key } } }
            paths:
              /things:
                get:
                  security: [{ key: [] }]
                  responses: { "200": { description: OK } }
            """
        )
        let result = try await ChildProcess.run("ordeal", ["import", "openapi", spec])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.contains(
                "the scenario reads data/auth.csv, which go beside the scenario's file: give --out FILE"
            )
        )
    }

    @Test func initWritesAStarterThatValidates() async throws {
        let workspace = try Workspace()
        let folder = workspace.path("starter")
        let result = try await ChildProcess.run("ordeal", ["init", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ordeal validate \(folder)/scenario.yaml"))
        #expect(result.stdout.contains("ordeal run \(folder)/scenario.yaml"))
        let validated = try await ChildProcess.run("ordeal", ["validate", "\(folder)/scenario.yaml"])
        #expect(validated.status == 0, "\(validated.stderr)")
        let again = try await ChildProcess.run("ordeal", ["init", folder])
        #expect(again.status == 74)
    }
}
