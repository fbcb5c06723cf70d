import Foundation
import Testing

/// `ordeal run` on a ramping arrival rate states the knee in report.json, summary.md and on the console.
@Suite struct StressKneeTests {
    /// A ramp from 10/s to 60/s over 8 s whose SLO is broken on purpose from 4 s on (300 ms of latency on every
    /// response), so the knee falls where the fault starts whatever the speed of the machine.
    @Test func aRampThatBreaksItsSLOReportsTheKnee() async throws {
        let workspace = try Workspace()
        _ = try RunCommandTests.orderServiceTarget(in: workspace)
        let scenario = try workspace.write(
            "scenario.yaml",
            RunCommandTests.scenario(
                load: "{ name: climb, arrival-rate: { from: 10/s, to: 60/s }, duration: 8s }",
                faults: "faults:\n  - { at: 4s, for: 10s, proxy: api, latency: { latency: 300ms } }",
                slo: "  - phase climb: p99 < 200ms"
            )
        )
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out"), "--summary"],
            timeout: .seconds(90)
        )
        #expect(result.status == 1, "the climb's SLO fails past the knee; stderr: \(result.stderr)")
        #expect(result.stdout.contains("Knee at "), "\(result.stdout)")
        let report = try RunCommandTests.report(workspace, "out")
        let knee = try #require(report["knee"] as? [String: Any], "no knee in \(report.keys.sorted())")
        let brokenAt = try #require(knee["brokenAt"] as? Double)
        let rate = try #require(knee["rate"] as? Double)
        // The rate climbs 6.25/s per second: about 10…35/s before the fault, about 35/s when it starts.
        #expect((3...5).contains(brokenAt), "broken at \(brokenAt) s")
        #expect((8...40).contains(rate), "knee at \(rate)/s")
        #expect(knee["brokenBy"] as? String == "phase climb: p99 < 200ms")
        let summary = String(decoding: try workspace.read("out/summary.md"), as: UTF8.self)
        #expect(summary.contains("**Stress:** Knee at "))
    }
}
