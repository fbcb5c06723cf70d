import Foundation
import Scenarios

/// Paths and helpers shared by the Scenarios tests.
enum Fixture {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Parses a scenario given inline, anchored in `scenarios/` so shipped data and target files resolve.
    static func scenario(_ yaml: String) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.parse(yaml: yaml, file: "test.yaml", directory: path("scenarios"))
    }

    /// The diagnostics a broken inline scenario yields; empty if it loads.
    static func diagnostics(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try scenario(yaml)
            return []
        } catch {
            return error.diagnostics
        }
    }
}
