import Foundation
import ScenarioImport
import Scenarios
import TestSupport
import Testing

/// Writes an import's scenario and data files to a temporary folder and loads them with the real Scenarios
/// loader: every generated scenario must validate as `ordeal validate` would.
func validated(_ result: ImportResult) throws -> Scenario {
    let folder = try TemporaryFolder(prefix: "ordeal-import")
    defer { folder.remove() }
    let path = folder.file("scenario.yaml")
    _ = try ImportFiles.write(result, to: path)
    do {
        return try ScenarioLoader.load(path: path)
    } catch {
        Issue.record("the imported scenario does not validate: \(error)\n\(result.scenario)")
        throw error
    }
}

/// The text of a committed fixture.
func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}
