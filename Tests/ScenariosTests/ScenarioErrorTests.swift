import Foundation
import Scenarios
import Testing

/// Every problem is reported, each at its own line and column, with what was expected.
@Suite struct ScenarioErrorTests {
    static let head = "name: t\nurl: http://127.0.0.1:9000\n"
    static let load = "load: [ { name: p, iterations: 1 } ]\n"
    static let flow = "flow: [ { get: / } ]\n"

    struct Case: Sendable, CustomStringConvertible {
        let yaml: String
        let line: Int
        let column: Int
        let message: String
        var description: String { message }
    }

    static let proxied = "name: t\ntarget: ../targets/order-service.yaml\n" + load + flow + "faults:\n"

    static let cases: [Case] = [
        Case(
            yaml: head + "defaults: { http: 1.1 }\nload: [ { name: p, vus: 2, duration: 1s, connections: 1 } ]\n"
                + flow,
            line: 4,
            column: 55,
            message: "with defaults.http 1.1 each user has its own connection"
        ),
        Case(
            yaml: head + load + "flow: [ { get: \"/a?b=${nope}\" } ]\n",
            line: 4,
            column: 24,
            message: "unknown variable \"nope\""
        ),
        Case(
            yaml: head + load + "flow: [ { get: \"http://h:1?b=${nope}\" } ]\n",
            line: 4,
            column: 32,
            message: "unknown variable"
        ),
        Case(
            yaml: proxied + "  - { at: 1s, for: 1s, proxy: apj, down: true }\n",
            line: 6,
            column: 31,
            message: "did you mean \"api\""
        ),
        Case(
            // Two neighbours swapped is one slip of the fingers, so a three-letter name still gets its suggestion.
            yaml: proxied + "  - { at: 1s, for: 1s, proxy: aip, down: true }\n",
            line: 6,
            column: 31,
            message: "did you mean \"api\""
        ),
        Case(
            yaml: proxied + "  - { at: 1s, for: 1s, proxy: api, stream: sideways, corrupt: { probability: 2 } }\n",
            line: 6,
            column: 44,
            message: "upstream or downstream"
        ),
        Case(
            yaml: head + load + "flow: [ { get: /, headers: { X: \"a\\r\\nB: c\" } } ]\n",
            line: 4,
            column: 33,
            message: "line break"
        ),
        Case(
            yaml: "name: t\nurl: http://x:1\nlod: []\n" + load + flow,
            line: 3,
            column: 1,
            message: "did you mean \"load\""
        ),
        Case(
            yaml: head + "load: [ { name: p, arival-rate: 5/s, duration: 1s } ]\n" + flow,
            line: 3,
            column: 20,
            message: "did you mean \"arrival-rate\""
        ),
        Case(
            yaml: head + "load: [ { name: p, arrival-rate: 5/q, duration: 1s } ]\n" + flow,
            line: 3,
            column: 34,
            message: "expected a rate"
        ),
        Case(
            yaml: head + "load: [ { name: p, arrival-rate: 5/s, duration: 10 } ]\n" + flow,
            line: 3,
            column: 49,
            message: "expected a unit"
        ),
        Case(
            yaml: head + "load: [ { name: p, arrival-rate: 5/s } ]\n" + flow,
            line: 3,
            column: 9,
            message: "missing \"duration\""
        ),
        Case(yaml: head + "load: [ { name: p } ]\n" + flow, line: 3, column: 9, message: "needs \"arrival-rate\""),
        Case(
            yaml: head + "load: [ { name: p, vus: 2, duration: 1s, max-in-flight: 3 } ]\n" + flow,
            line: 3,
            column: 42,
            message: "applies to arrival-rate"
        ),
        Case(
            yaml: head + "load: [ { name: p, iterations: 0 } ]\n" + flow,
            line: 3,
            column: 32,
            message: "integer in 1..."
        ),
        Case(
            yaml: head + "load: [ { name: p, iterations: 1 }, { name: p, iterations: 1 } ]\n" + flow,
            line: 3,
            column: 37,
            message: "duplicate phase name"
        ),
        Case(
            yaml: head + load + "flow: [ { get: \"/x/${token}\" } ]\n",
            line: 4,
            column: 22,
            message: "unknown variable \"token\""
        ),
        Case(yaml: head + load + "flow: [ { get: \"/x/${seq(\" } ]\n", line: 4, column: 20, message: "unterminated"),
        Case(
            yaml: head + load + "flow: [ { get: /, check: { json: { $.id: \"${orderId}\" } } } ]\n",
            line: 4,
            column: 45,
            message: "unknown variable \"orderId\""
        ),
        Case(yaml: head + load + "flow: [ { get: x } ]\n", line: 4, column: 16, message: "starting with \"/\""),
        Case(yaml: head + load + "flow: [ { get: /, post: / } ]\n", line: 4, column: 9, message: "one request"),
        Case(yaml: head + load + "flow: [ { fetch: / } ]\n", line: 4, column: 11, message: "unknown key \"fetch\""),
        Case(
            yaml: head + load + "flow: [ { get: /, check: { status: 2zz } } ]\n",
            line: 4,
            column: 36,
            message: "class (2xx)"
        ),
        Case(
            yaml: head + load + "flow: [ { get: /, capture: { t: token } } ]\n",
            line: 4,
            column: 33,
            message: "starts with \"$\""
        ),
        Case(yaml: head + load + "flow: [ { get: /, think: 5ms..1ms } ]\n", line: 4, column: 26, message: "exceeds"),
        Case(
            yaml: head + load + "flow: [ { get: /, json: {a: 1}, body: x } ]\n",
            line: 4,
            column: 25,
            message: "either \"json\" or \"body\""
        ),
        Case(
            yaml: head + load + "flow: [ { get: /, headers: { \"Bad Name\": x } } ]\n",
            line: 4,
            column: 30,
            message: "not a valid header name"
        ),
        Case(
            yaml: head + load + flow + "faults: [ { at: 1s, for: 1s, proxy: api, latency: { delay: 1ms } } ]\n",
            line: 5,
            column: 37,
            message: "only a url"
        ),
        Case(
            yaml: head + load + flow + "faults: [ { at: 1s, for: 1s, cpu: { percent: 180 } } ]\n",
            line: 5,
            column: 46,
            message: "percent in 1...100"
        ),
        Case(
            yaml: head + load + flow + "faults: [ { at: 1s, for: 1s } ]\n",
            line: 5,
            column: 11,
            message: "exactly one of down, cpu"
        ),
        Case(
            yaml: proxied + "  - { at: 1s, for: 1s, process: order-servise, pause: true }\n",
            line: 6,
            column: 33,
            message: "unknown process \"order-servise\": the target starts payments, order-service; did you mean"
        ),
        Case(
            yaml: proxied + "  - { at: 1s, for: 1s, process: order-service }\n",
            line: 6,
            column: 5,
            message: "exactly one of down, cpu, memory, pause, kill, signal"
        ),
        Case(
            yaml: head + load + flow + "faults: [ { at: 1s, for: 1s, process: api, pause: true } ]\n",
            line: 5,
            column: 39,
            message: "process faults need a target file"
        ),
        Case(
            yaml: head + load + flow + "faults: [ { at: 1s, for: 1s, memory: { bytes: 5 parsecs } } ]\n",
            line: 5,
            column: 47,
            message: "bytes: unknown size unit \"parsecs\""
        ),
        Case(
            yaml: head + load + flow + "faults: [ { at: 1s, for: 1s, memory: { bytes: 1GiB, percent: 5 } } ]\n",
            line: 5,
            column: 38,
            message: "exactly one of bytes"
        ),
        Case(yaml: head + load + flow + "slo: [ \"\" ]\n", line: 5, column: 8, message: "expected an SLO expression"),
        Case(
            yaml: head + load + flow + "data: { users: { csv: data/nope.csv } }\n",
            line: 5,
            column: 23,
            message: "cannot read data file"
        ),
        Case(
            yaml: "name: t\nurl: ftp://x:1\n" + load + flow,
            line: 2,
            column: 6,
            message: "an http:// or https:// URL"
        ),
        Case(
            yaml: "name: t\nurl: https://x:1\ntls: { ca: nope.pem }\n" + load + flow,
            line: 3,
            column: 12,
            message: "cannot read"
        ),
        Case(
            yaml: "name: t\nurl: https://x:1\ntls: { key: nope.pem }\n" + load + flow,
            line: 3,
            column: 13,
            message: "needs its client certificate"
        ),
        Case(
            yaml: "name: t\nurl: https://x:1\ntls: { verify: false }\n" + load + flow,
            line: 3,
            column: 8,
            message: "verify"
        ),
        Case(
            yaml: "name: t\nurl: https://x:1\ndefaults: { http: 3 }\n" + load + flow,
            line: 3,
            column: 19,
            message: "expected an HTTP version: auto, 1.1 or 2"
        ),
        Case(yaml: "name: t\n" + load + flow, line: 1, column: 1, message: "missing \"url\" or \"target\""),
        Case(
            yaml: "name: t\ntarget: nope.yaml\n" + load + flow,
            line: 2,
            column: 9,
            message: "cannot read target file"
        ),
        Case(yaml: "name: [t\n", line: 2, column: 1, message: "YAML syntax"),
        Case(yaml: "name: t\nname: u\n", line: 1, column: 1, message: "duplicate key name"),
        Case(
            yaml: proxied + "  - { at: 1s, for: 1s, process: order-servic, pause: true }\n",
            line: 6,
            column: 33,
            message: "did you mean \"order-service\""
        ),
        Case(
            yaml: proxied + "  - { at: 1s, for: 1s, process: order-service, restart-after: 2s, pause: true }\n",
            line: 6,
            column: 63,
            message: "restart-after goes with kill"
        ),
        Case(
            yaml: proxied + "  - { at: 1s, for: 2s, process: order-service, kill: true }\n",
            line: 6,
            column: 20,
            message: "has no \"for\"; to bring it back, give restart-after"
        ),
        Case(
            yaml: proxied + "  - { at: 1s, process: order-service, signal: KILL }\n",
            line: 6,
            column: 47,
            message: "expected signal TERM, INT, HUP"
        ),
        Case(
            yaml: proxied + "  - { at: 1s, for: 1s, memory: { bytes: 12XB } }\n",
            line: 6,
            column: 41,
            message: "unknown size unit"
        ),
        Case(
            yaml: proxied + "  - { at: 1s, for: 1s, memory: { bytes: 1GiB, percent: 5 } }\n",
            line: 6,
            column: 32,
            message: "exactly one of bytes"
        ),
        Case(
            yaml: head + load + flow + "faults: [ { at: 1s, for: 1s, pause: true } ]\n",
            line: 5,
            column: 11,
            message: "give \"process: NAME\""
        ),
        Case(
            yaml: head + load + flow + "faults: [ { at: 1s, process: db, kill: true } ]\n",
            line: 5,
            column: 30,
            message: "only a url"
        ),
        Case(yaml: "- a\n- b\n", line: 1, column: 1, message: "expected the scenario (a mapping)"),
        Case(yaml: "", line: 1, column: 1, message: "the file is empty"),
    ]

    @Test(arguments: cases)
    func reportsProblemWithPosition(testCase: Case) {
        let diagnostics = Fixture.diagnostics(testCase.yaml)
        let match = diagnostics.first { $0.message.contains(testCase.message) }
        #expect(match != nil, "no diagnostic contains \"\(testCase.message)\" in \(diagnostics)")
        #expect(
            match?.location == SourceLocation(file: "test.yaml", line: testCase.line, column: testCase.column),
            "\(diagnostics)"
        )
    }

    @Test func reportsEveryProblemAtOnce() {
        let diagnostics = Fixture.diagnostics(
            """
            name: t
            url: http://127.0.0.1:9000
            load:
              - { name: a, arrival-rate: fast, duration: 1s }
              - { name: b, vus: -1, duration: 1s }
            flow:
              - { get: "/${who}", check: { status: 999 } }
            slo: [ p99 < 1s ]
            """
        )
        #expect(diagnostics.map(\.location.line) == [4, 5, 7, 7])
        #expect(
            diagnostics.allSatisfy {
                $0.description.hasPrefix("test.yaml:\($0.location.line):\($0.location.column): error: ")
            }
        )
    }

    @Test func csvProblemsPointIntoTheCSVFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ordeal-csv-\(UInt64.random(in: 0...UInt64.max))"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "a,b\n1,2\n3\n\"x\"y,4\n".write(
            to: folder.appendingPathComponent("d.csv"),
            atomically: true,
            encoding: .utf8
        )
        let yaml = Self.head + "data: { d: { csv: d.csv } }\n" + Self.load + Self.flow
        do {
            _ = try ScenarioLoader.parse(yaml: yaml, file: "s.yaml", directory: folder.path)
            Issue.record("expected the CSV to be refused")
        } catch {
            #expect(error.diagnostics.first?.location.file.hasSuffix("d.csv") == true)
            #expect(error.diagnostics.first?.location.line == 4)
        }
    }

    @Test func missingFileIsUnreadableNotInvalid() {
        #expect {
            try ScenarioLoader.load(path: "/nonexistent/scenario.yaml")
        } throws: { error in
            guard case .unreadable = error as? ScenarioError else { return false }
            return true
        }
    }
}
