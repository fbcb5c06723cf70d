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
            try ScenarioLoader.parse(yaml: yaml, file: "s.yaml", directory: folder.path)
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
        #expect(
            scenario.faults.map(\.action) == [
                .toxic(
                    proxy: "api",
                    ToxicSpec(
                        kind: .httpStatus(
                            status: 503,
                            body: "",
                            retryAfter: 0,
                            match: HTTPMatchSpec(path: "/api/v1/orders")
                        ),
                        toxicity: 0.05
                    )
                ),
                .toxic(
                    proxy: "api",
                    ToxicSpec(
                        kind: .httpLatency(
                            latency: .milliseconds(100),
                            jitter: .milliseconds(5),
                            match: HTTPMatchSpec(method: "GET")
                        )
                    )
                ),
                .toxic(proxy: "api", ToxicSpec(kind: .httpAbort(afterBytes: 10, reset: true, match: HTTPMatchSpec()))),
                .toxic(
                    proxy: "api",
                    ToxicSpec(
                        kind: .httpHeader(setName: "X-A", setValue: "1", removeName: "", match: HTTPMatchSpec()),
                        toxicity: 0.5
                    )
                ),
            ]
        )
    }

    @Test(arguments: [
        ("http", "http_status: { status: 700 }", "an integer in 100...599"),
        ("http", "http_status: { status: 503, paht: /x }", "unknown key \"paht\""),
        ("http", "http_latency: { latency: 1ms, path: \"/a[b]\" }", "bad path glob"),
        ("tcp", "http_status: { status: 503 }", "give proxy \"api\" protocol: http"),
    ])
    func badHTTPFaultsAreReportedWhereTheyAre(protocol: String, fault: String, message: String) throws {
        let result = try Self.load(protocol: `protocol`, faults: "  - { at: 1s, for: 1s, proxy: api, \(fault) }")
        guard case .failure(let error) = result else {
            Issue.record("loaded")
            return
        }
        let diagnostic = error.diagnostics.first { $0.message.contains(message) }
        #expect(diagnostic != nil, "\(error.diagnostics)")
        #expect(diagnostic?.location.line == 6, "\(error.diagnostics)")
    }

    @Test func aProxyProtocolOtherThanTCPOrHTTPIsAnError() {
        let diagnostics = TargetLoaderTests.diagnostics(
            "url: http://h:1\nproxies: [ { name: a, listen: \"h:1\", upstream: \"h:2\", protocol: h2 } ]\n"
        )
        #expect(diagnostics.first?.message == "expected protocol tcp or http, found \"h2\"")
        #expect(diagnostics.first?.location.line == 2 && diagnostics.first?.location.column == 65)
    }
}
