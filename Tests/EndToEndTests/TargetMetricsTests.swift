import Foundation
import Testing

/// `ordeal run` scrapes the metrics URLs of its target file and puts the counters and gauges in the report.
@Suite struct TargetMetricsTests {
    @Test func theTargetsOwnCountersMatchTheReport() async throws {
        let workspace = try Workspace()
        let service = try RunCommandTests.orderServiceTarget(in: workspace).servicePort
        let target = String(decoding: try workspace.read("target.yaml"), as: UTF8.self)
        try workspace.write("target.yaml", target + "\nmetrics: [ \"http://127.0.0.1:\(service)/metrics\" ]\n")
        let scenario = try workspace.write(
            "scenario.yaml",
            RunCommandTests.scenario(
                load: "{ name: steady, arrival-rate: 40/s, duration: 3s }",
                slo: "  - error-rate == 0%"
            )
        )
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: .seconds(90)
        )
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let report = try RunCommandTests.report(workspace, "out")
        let requests = try #require((report["overall"] as? [String: Any])?["requests"] as? Int)
        let metrics = try #require(report["targetMetrics"] as? [[String: Any]], "keys: \(report.keys.sorted())")
        let health = metrics.filter {
            ($0["series"] as? String)?.hasPrefix("http_requests_total") == true
                && ($0["series"] as? String)?.contains("/health") == true
        }
        let increase = health.compactMap { $0["increase"] as? Double }.reduce(0, +)
        // Scraped just before and just after the load: the service served exactly what the report counted.
        #expect(Int(increase) == requests, "service counted \(increase), report \(requests)")
        #expect(health.allSatisfy { $0["kind"] as? String == "counter" })
    }
}
