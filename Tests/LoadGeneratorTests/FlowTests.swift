import Foundation
import LoadGenerator
import Profiler
import Scenarios
import TestSupport
import Testing

/// Dynamic flows against a real server on loopback: templates rendered per iteration, captures carried from one
/// step to the next, header, body and JSON checks counted, missing values counted, data rows handed out in turn.
@Suite(.timeLimit(.minutes(1))) struct FlowTests {
    /// Loads `flow` (YAML flow steps) as a scenario of `iterations` iterations for one user against `server`.
    static func plan(_ server: FlowServer, iterations: Int, data: String = "", flow: String) throws -> LoadPlan {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ordeal-flow-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "name,code\nann,1\nbob,2\ncid,3\n".write(
            to: directory.appendingPathComponent("people.csv"),
            atomically: true,
            encoding: .utf8
        )
        let yaml = """
            name: flow
            url: \(server.url)
            \(data)
            load:
              - { name: once, iterations: \(iterations), vus: 1, max-duration: 20s }
            flow:
            \(flow)
            """
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "flow.yaml", directory: directory.path)
        try? FileManager.default.removeItem(at: directory)
        return try LoadPlan(scenario: scenario, url: nil)
    }

    @Test func capturedTokenIsSentByTheNextStep() async throws {
        let server = try await FlowServer.start()
        let plan = try Self.plan(
            server,
            iterations: 3,
            flow: """
                  - name: login
                    post: /login
                    json: { user: "u-${seq()}" }
                    capture: { token: $.token }
                  - name: secure
                    get: /secure
                    headers: { Authorization: "Bearer ${token}", Idempotency-Key: "${uuid()}" }
                    check: { status: 200 }
                """
        )
        let result = try await LoadGenerator(plan: plan, loopCount: 1).collect()
        await server.stop()
        let secure = server.requests.filter { $0.target == "/secure" }
        #expect(secure.count == 3)
        #expect(secure.allSatisfy { $0.headers["authorization"] == "Bearer abc" })
        #expect(Set(secure.compactMap { $0.headers["idempotency-key"] }).count == 3)
        #expect(server.requests.filter { $0.target == "/login" }.map(\.body) == (0..<3).map { #"{"user":"u-\#($0)"}"# })
        #expect(result.totals.requests[1].count(ofStatus: 200) == 3)
        #expect(result.totals.requests.allSatisfy { $0.errors == 0 })
        #expect(result.totals.iterationsCompleted == 3)
    }

    @Test func failingHeaderBodyAndJSONChecksAreCounted() async throws {
        let server = try await FlowServer.start()
        let plan = try Self.plan(
            server,
            iterations: 4,
            flow: """
                  - { name: passes, get: /a, check: { header: { X-Session: { equals: s1 } }, json: { $.path: "/a" } } }
                  - { name: header, get: /b, check: { header: { X-Missing: { exists: true } } } }
                  - { name: body, get: /c, check: { body: { contains: nowhere } } }
                  - { name: json, get: /d, check: { json: { $.path: "/elsewhere" } } }
                """
        )
        let result = try await LoadGenerator(plan: plan, loopCount: 1).collect()
        await server.stop()
        let requests = result.totals.requests
        #expect(requests[0].count(of: .checkFailed) == 0)
        for index in 1...3 {
            #expect(requests[index].count(of: .checkFailed) == 4)
            #expect(requests[index].count(ofStatus: 200) == 4)
        }
        #expect(server.requests.count == 16)
    }

    @Test func checkValuesWithHolesCompareWithCapturedValues() async throws {
        let server = try await FlowServer.start()
        let plan = try Self.plan(
            server,
            iterations: 3,
            flow: """
                  - { name: login, post: /login, capture: { token: $.token, id: $.user.id } }
                  - name: holds
                    post: /login
                    check: { json: { $.token: "${token}", $.user.id: "${id}" }, body: { contains: "${token}" } }
                  - { name: header, post: /login, check: { header: { X-Session: "s${seq()}" } } }
                  - { name: differs, get: /a, check: { json: { $.path: "${token}" } } }
                """
        )
        let result = try await LoadGenerator(plan: plan, loopCount: 1).collect()
        await server.stop()
        let requests = result.totals.requests
        #expect(requests[1].count(of: .checkFailed) == 0, "the captured token and the number 7 compare equal")
        #expect(requests[2].count(of: .checkFailed) == 2, "X-Session is s1 and seq() gives 0, 1, 2: one of three holds")
        #expect(requests[3].count(of: .checkFailed) == 3, "\"/a\" is not the captured token")
    }

    @Test func captureThatFindsNothingCountsMissingValueAndEndsTheIteration() async throws {
        let server = try await FlowServer.start()
        let plan = try Self.plan(
            server,
            iterations: 5,
            flow: """
                  - { name: login, post: /login, capture: { id: $.user.missing } }
                  - { name: use, get: "/items/${id}" }
                """
        )
        let result = try await LoadGenerator(plan: plan, loopCount: 1).collect()
        await server.stop()
        #expect(result.totals.requests[0].count(of: .missingValue) == 5)
        #expect(result.totals.requests[1].requests == 0)
        #expect(server.requests.count == 5)
        #expect(result.totals.iterationsStarted == 5)
    }

    @Test func dataRowsAreHandedToIterationsInTurn() async throws {
        let server = try await FlowServer.start()
        let plan = try Self.plan(
            server,
            iterations: 7,
            data: "data:\n  people: { csv: people.csv, order: sequential }",
            flow: """
                  - { name: person, get: "/people/${people.name}", query: { code: "${people.code}" } }
                """
        )
        let result = try await LoadGenerator(plan: plan, loopCount: 1).collect()
        await server.stop()
        let expected = ["ann", "bob", "cid", "ann", "bob", "cid", "ann"].enumerated().map { index, name in
            "/people/\(name)?code=\(index % 3 + 1)"
        }
        #expect(server.requests.map(\.target) == expected)
        #expect(result.totals.requests[0].count(ofStatus: 200) == 7)
    }

    @Test func shippedSmokeScenarioPlansItsTemplatedStepsAsDynamic() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let scenario = try ScenarioLoader.load(path: root.appendingPathComponent("scenarios/smoke.yaml").path)
        let plan = try LoadPlan(scenario: scenario, url: "http://127.0.0.1:1")
        #expect(plan.requestNames == ["health", "register", "login", "create-order", "get-order", "list-orders"])
        #expect(plan.flow.map { $0.dynamic != nil } == [false, true, true, true, true, true])
        #expect(plan.flow[2].dynamic?.captures.map(\.name) == ["token"])
        #expect(plan.flow[3].expectedStatuses == [201...201])
        #expect(plan.variableCount == scenario.variables.count && plan.dataSources.count == 1)
    }
}
