import Basics
import Foundation
import Scenarios
import TestSupport
import Testing

/// Broken files give diagnostics, never a crash or a hang: truncations of every shipped file and seeded byte flips.
///
/// The fuzz loops parse thousands of files; they run one file at a time on a thread of their own so that they never
/// hold the concurrency pool's few threads (two on a two-core machine) that the timing-sensitive suites need.
@Suite(.serialized) struct RobustnessTests {
    /// What loading one broken text came to.
    enum Outcome: Equatable {
        case loaded
        case refusedWithDiagnostics
        case refusedSilently(String)
    }

    static var shippedFiles: [String] {
        let scenarios = ShippedFilesTests.scenarioFiles
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: Fixture.path("targets"))) ?? []
        return scenarios + targets.filter { $0.hasSuffix(".yaml") }.map { Fixture.path("targets/\($0)") }
    }

    /// Loads text as a scenario (or a target); any throw is fine as long as it says why, a trap is not.
    static func load(_ text: String, asTarget: Bool) -> Outcome {
        let directory = Fixture.path(asTarget ? "targets" : "scenarios")
        do {
            if asTarget {
                _ = try TargetLoader.parse(yaml: text, file: "fuzz.yaml", directory: directory)
            } else {
                _ = try ScenarioLoader.parse(yaml: text, file: "fuzz.yaml", directory: directory)
            }
            return .loaded
        } catch {
            return error.diagnostics.isEmpty ? .refusedSilently(text) : .refusedWithDiagnostics
        }
    }

    static func expectEveryRefusalSaysWhy(_ outcomes: [Outcome]) {
        for case .refusedSilently(let text) in outcomes.prefix(3) {
            Issue.record("an invalid file must say why:\n\(text)")
        }
    }

    @Test(arguments: shippedFiles)
    func everyTruncationIsHandled(path: String) async throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let asTarget = path.contains("/targets/")
        let outcomes = await OwnThread.run {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return (0..<lines.count).flatMap { count in
                let cut = lines.prefix(count + 1).joined(separator: "\n")
                return [
                    Self.load(lines.prefix(count).joined(separator: "\n"), asTarget: asTarget),
                    Self.load(String(cut.prefix(max(0, cut.count - 3))), asTarget: asTarget),
                ]
            }
        }
        #expect(outcomes.count > 0)
        Self.expectEveryRefusalSaysWhy(outcomes.filter { $0 != .loaded && $0 != .refusedWithDiagnostics })
    }

    @Test(arguments: shippedFiles)
    func seededByteFlipsAreHandled(path: String) async throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let asTarget = path.contains("/targets/")
        let outcomes = await OwnThread.run {
            var random = SplitMix64(seed: 0x0DDE_A1)
            let interesting: [UInt8] = Array("{}[]:,-'\"$#&*!|>%@` \n\t0".utf8)
            return (0..<150).map { _ in
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    bytes[index] =
                        Bool.random(using: &random)
                        ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
                }
                return Self.load(String(decoding: bytes, as: UTF8.self), asTarget: asTarget)
            }
        }
        #expect(outcomes.contains { $0 != .loaded }, "flipping bytes must break at least some files")
        Self.expectEveryRefusalSaysWhy(outcomes.filter { $0 != .loaded && $0 != .refusedWithDiagnostics })
    }

    /// Nine levels of nine aliases expand to 9^9 values; the loader must refuse, not walk them all.
    @Test func aliasBombIsRefused() {
        var yaml =
            "name: t\nurl: http://127.0.0.1:1\nload: [ { name: p, iterations: 1 } ]\nbomb:\n  l0: &l0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            yaml +=
                "  l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ")
                + "]\n"
        }
        let flow = "flow:\n  - post: /\n    json: *l8\n    check: { json: { $.a: *l8 } }\n"
        let diagnostics = Fixture.diagnostics(yaml + flow)
        #expect(diagnostics.contains { $0.message.contains("aliases expanded") }, "\(diagnostics)")
    }

    @Test(arguments: [
        "name: &a [*a]", "a: *undefined", "\u{0}", "%YAML 9.9\n---\na: 1", "--- a\n--- b", "? [a]\n: b",
        "name: t\nload: !!binary AAAA", String(repeating: "- ", count: 5000) + "x", String(repeating: "[", count: 5000),
        "name: t\nurl: http://x:1\nload: [ {name: p, arrival-rate: 1/s, duration: 99999999999999h} ]\nflow: [ {get: /} ]",
        "name: t\nurl: http://x:99999\n", "name: t\nurl: http://[::1\n", "name: t\nurl: \"http://:80\"\n",
    ])
    func hostileInputsAreHandled(text: String) {
        Self.expectEveryRefusalSaysWhy([Self.load(text, asTarget: false), Self.load(text, asTarget: true)])
    }
}
