import Basics
import Scenarios
import Testing

@Suite struct TargetLoaderTests {
    static func diagnostics(_ yaml: String) -> [Diagnostic] {
        do throws(ScenarioError) {
            _ = try TargetLoader.parse(yaml: yaml, file: "t.yaml", directory: "/srv/app")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func readsEveryPart() throws {
        let target = try TargetLoader.parse(
            yaml: """
                name: shop
                url: http://127.0.0.1:9001
                processes:
                  - command: ./bin/shop
                    arguments: [--port, "9000", ""]
                    environment: { MODE: test }
                    working-directory: run
                    ready: { tcp: "127.0.0.1:9000", deadline: 5s }
                  - { name: db, command: postgres }
                proxies:
                  - { name: api, listen: "127.0.0.1:9001", upstream: "127.0.0.1:9000" }
                metrics: [ "http://127.0.0.1:9000/metrics" ]
                """,
            file: "t.yaml",
            directory: "/srv/app"
        )
        #expect(target.name == "shop")
        #expect(
            target.processes == [
                TargetProcess(
                    name: "shop",
                    command: "./bin/shop",
                    arguments: ["--port", "9000", ""],
                    environment: ["MODE": "test"],
                    workingDirectory: "/srv/app/run",
                    readiness: Readiness(probe: .tcp(host: "127.0.0.1", port: 9000), deadline: .seconds(5))
                ),
                TargetProcess(name: "db", command: "postgres"),
            ]
        )
        #expect(target.metrics == ["http://127.0.0.1:9000/metrics"])
    }

    @Test func aBareURLIsATarget() throws {
        let target = try TargetLoader.parse(yaml: "url: http://localhost:8080", file: "/x/local.yaml", directory: "/x")
        #expect(target.name == "local" && target.processes.isEmpty && target.baseURL.port == 8080)
    }

    @Test(
        arguments: [
            ("name: x\n", 1, 1, "missing \"url\""),
            ("url: http://h:1\nprocesses: [ { arguments: [a] } ]\n", 2, 14, "missing \"command\""),
            (
                "url: http://h:1\nprocesses: [ { command: a, ready: { http: http://h:1, tcp: \"h:1\" } } ]\n", 2, 35,
                "exactly one of"
            ),
            ("url: http://h:1\nprocesses: [ { command: a, ready: { tcp: h } } ]\n", 2, 42, "such as 127.0.0.1:8080"),
            ("url: http://h:1\nprocesses: [ { command: a }, { command: a } ]\n", 2, 30, "duplicate process name"),
            (
                "url: http://h:1\nproxies: [ { name: a, listen: \"h:1\", upstream: \"h:2\" }, { name: a, listen: \"h:3\", upstream: \"h:4\" } ]\n",
                2, 57, "duplicate proxy name"
            ),
            ("url: http://h:1\nproxies: [ { name: a, listen: h } ]\n", 2, 31, "host:port to listen on"),
            ("url: http://h:1\nproxy: []\n", 2, 1, "did you mean \"proxies\""),
            ("url: http://h:1\nmetrics: [ ftp://h ]\n", 2, 12, "an http:// or https:// URL"),
            ("url: https://h:1\ntls: { ca: missing.pem }\n", 2, 12, "cannot read"),
        ] as [(String, Int, Int, String)]
    )
    func reportsProblems(yaml: String, line: Int, column: Int, message: String) {
        let diagnostics = Self.diagnostics(yaml)
        let match = diagnostics.first { $0.message.contains(message) }
        #expect(match != nil, "\(diagnostics)")
        #expect(match?.location == SourceLocation(file: "t.yaml", line: line, column: column), "\(diagnostics)")
    }
}
