import Foundation
import Testing

/// `ordeal validate` as a user runs it: the real executable, real files, exit codes and output.
@Suite struct ValidateCommandTests {
    static var package: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test func shippedScenarioIsValidAndSummarised() async throws {
        let path = Self.package.appendingPathComponent("scenarios/smoke.yaml").path
        let result = try await ChildProcess.run("ordeal", ["validate", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Scenario \"smoke\""))
        #expect(result.stdout.contains("target \"order-service\""))
    }

    /// Every scenario file in `scenarios/`, so a new or renamed one is checked without editing this list.
    static var shippedScenarios: [String] {
        let folder = package.appendingPathComponent("scenarios").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func theShippedScenariosAreAllThere() {
        for name in ["smoke", "load", "stress", "spike", "soak", "chaos-payments-latency", "chaos-payments-down"] {
            #expect(Self.shippedScenarios.contains("\(name).yaml"), "missing scenarios/\(name).yaml")
        }
        #expect(
            Self.shippedScenarios.contains("chaos-cpu.yaml")
                && Self.shippedScenarios.contains("chaos-api-corruption.yaml")
        )
    }

    @Test(arguments: shippedScenarios)
    func everyShippedScenarioValidatesWithItsSLOs(file: String) async throws {
        let path = Self.package.appendingPathComponent("scenarios/\(file)").path
        let result = try await ChildProcess.run("ordeal", ["validate", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("SLOs:"))
    }

    @Test func anSLOThatDoesNotParseIsReportedAtItsColumn() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ordeal-slo-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let yaml =
            "name: t\nurl: http://127.0.0.1:1\nload: [ { name: p, vus: 1, duration: 1s } ]\nflow: [ { get: / } ]\n"
            + "slo:\n  - p99 < 250ms\n  - p99 <<< 1s\n"
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run("ordeal", ["validate", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file.path):7:10: error: expected a number"), "\(result.stderr)")
    }

    @Test func anSLOOverARequestOrPhaseTheScenarioLacksIsReportedWithASuggestion() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ordeal-slo-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let yaml =
            "name: t\nurl: http://127.0.0.1:1\nload: [ { name: cool-down, vus: 1, duration: 1s } ]\n"
            + "flow: [ { name: create-order, get: / } ]\n"
            + "slo:\n  - creat-order p99 < 250ms\n  - phase cooldown: p99 < 1s\n  - create-order p99 < 1s\n"
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run("ordeal", ["validate", file.path])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                #"\#(file.path):6:5: error: SLO "creat-order p99 < 250ms" names the request "creat-order", which the scenario does not have; did you mean "create-order"?"#
            ),
            "\(result.stderr)"
        )
        #expect(
            result.stderr.contains(#"names the phase "cooldown""#)
                && result.stderr.contains(#"did you mean "cool-down"?"#)
        )
        #expect(!result.stderr.contains(#"SLO "create-order p99 < 1s""#))
    }

    @Test func everyProblemIsPrintedWithItsPositionAndExit65() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ordeal-validate-\(UUID().uuidString).yaml"
        )
        defer { try? FileManager.default.removeItem(at: file) }
        let yaml =
            "name: t\nurl: http://127.0.0.1:1\nlod: []\nload: [ { name: p, arrival-rate: fast, duration: 1s } ]\nflow: [ { get: \"/${tokn}\" } ]\n"
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = try await ChildProcess.run("ordeal", ["validate", file.path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasPrefix("\(file.path):3:1: error: unknown key \"lod\"") && $0.contains("did you mean \"load\"")
            }
        )
        #expect(lines.contains { $0.hasPrefix("\(file.path):4:34: error: arrival-rate:") })
        #expect(lines.contains { $0.hasPrefix("\(file.path):5:20: error: unknown variable \"tokn\"") })
        #expect(result.stdout.isEmpty)
    }

    @Test func missingFileExits66() async throws {
        let result = try await ChildProcess.run("ordeal", ["validate", "/nonexistent/scenario.yaml"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no such file"))
    }
}
