import FaultInjector
import Foundation
import Scenarios
import TestSupport
import Testing

/// `protocol:` on a target's proxies, and the `http_*` faults that need it.
@Suite struct HTTPFaultTests {
    /// A scenario with `faults` against a target whose proxy `api` has `protocol`.
    static func load(protocol: String, faults: String) throws -> Result<Scenario, ScenarioError> {
        let folder = try TemporaryFolder()
        _ = try folder.write(
            """
            url: http://127.0.0.1:18081
            proxies:
              - { name: api, listen: "127.0.0.1:18081", upstream: "127.0.0.1:18080", protocol: \(`protocol`) }
            """,
            to: "target.yaml"
        )
        let yaml = """
            name: t
            target: target.yaml
            load: [ { name: p, iterations: 1 } ]
            flow: [ { get: /health } ]
            faults:
            \(faults)
            """
        return Result { () throws(ScenarioError) in
            try ScenarioLoader.parse(
                yaml: yaml,
                file: "s.yaml",
                directory: folder.path,
                checks: ScenarioChecks(faults: { ScheduledFault.problems(of: $0, target: $1) })
            )
        }
    }

    @Test func httpFaultsReadTheirAttributesAndPerRequestToxicity() throws {
        let scenario = try Self.load(
            protocol: "http",
            faults: """
                  - { at: 5s, for: 10s, proxy: api, http_status: {status: 503, path: "/api/v1/orders", toxicity: 5%} }
                  - { at: 1s, for: 1s, proxy: api, http_latency: { latency: 100ms, jitter: 5ms, method: GET } }
                  - { at: 1s, for: 1s, proxy: api, http_abort: { after_bytes: 10, reset: true } }
                  - { at: 1s, for: 1s, proxy: api, toxicity: 0.5, http_header: { set_name: X-A, set_value: "1" } }
                """
        ).get()
        let toxics = try scenario.faults.map { spec -> ToxicSpec in
            guard case .toxic(_, let toxic) = try ScheduledFault(spec).action else { throw Unexpected() }
            return toxic
        }
        #expect(
            toxics[0].toxic as? HTTPStatusToxic
                == HTTPStatusToxic(status: 503, match: HTTPMatch(path: "/api/v1/orders"))
        )
        #expect(toxics[0].toxicity == 0.05)
        #expect(
            toxics[1].toxic as? HTTPLatencyToxic
                == HTTPLatencyToxic(latency: 100, jitter: 5, match: HTTPMatch(method: "GET"))
        )
        #expect(toxics[2].toxic as? HTTPAbortToxic == HTTPAbortToxic(afterBytes: 10, reset: true))
        #expect(toxics[3].toxic as? HTTPHeaderToxic == HTTPHeaderToxic(setName: "X-A", setValue: "1", removeName: ""))
        #expect(toxics[3].toxicity == 0.5)
    }

    struct Unexpected: Error {}

    /// Each problem is on the fault's line; one in an attribute's value is at that value's column (`at`).
    @Test(arguments: [
        ("http", "http_status: { status: 700 }", "an integer in 100...599", "700"),
        ("http", "http_status: { status: 503, paht: /x }", "unknown attribute \"paht\" of a http_status toxic", "paht"),
        ("http", "http_latency: { latency: 1ms, path: \"/a[b]\" }", "bad path glob", "\"/a[b]\""),
        ("http", "http_status: { status: 503, method: \"GE T\" }", "is not an HTTP method", "\"GE T\""),
        ("tcp", "http_status: { status: 503 }", "give proxy \"api\" protocol: http", nil),
    ])
    func badHTTPFaultsAreReportedWhereTheyAre(protocol: String, fault: String, message: String, at: String?) throws {
        let line = "  - { at: 1s, for: 1s, proxy: api, \(fault) }"
        let result = try Self.load(protocol: `protocol`, faults: line)
        guard case .failure(let error) = result else {
            Issue.record("loaded")
            return
        }
        let diagnostic = error.diagnostics.first { $0.message.contains(message) }
        #expect(diagnostic != nil, "\(error.diagnostics)")
        #expect(diagnostic?.location.line == 6, "\(error.diagnostics)")
        if let at, let range = line.range(of: at) {
            #expect(diagnostic?.location.column == line.distance(from: line.startIndex, to: range.lowerBound) + 1)
        }
    }
}
