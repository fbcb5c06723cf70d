import Foundation
import Scenarios
import Testing

/// CSV data files, read through the scenario loader as users do.
@Suite struct CSVParserTests {
    /// Loads a scenario whose data source is `csv`, returning its rows or the diagnostics.
    static func load(_ csv: String) throws -> (rows: [[String]]?, diagnostics: [Diagnostic]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ordeal-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let yaml =
            "name: t\nurl: http://x:1\ndata: { d: { csv: d.csv } }\nload: [ { name: p, iterations: 1 } ]\nflow: [ { get: / } ]\n"
        do throws(ScenarioError) {
            return (try ScenarioLoader.parse(yaml: yaml, file: "s.yaml", directory: folder.path).data[0].rows, [])
        } catch {
            return (nil, error.diagnostics)
        }
    }

    @Test(arguments: [
        ("a,b\n1,2\n", [["1", "2"]]),
        ("a,b\r\n1,2\r\n3,4", [["1", "2"], ["3", "4"]]),
        ("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", [["x, y", "say \"hi\""]]),
        ("a,b\n\"multi\nline\",2\n\n", [["multi\nline", "2"]]),
        ("a,b\n,\n", [["", ""]]),
    ])
    func readsRows(csv: String, expected: [[String]]) throws {
        #expect(try Self.load(csv).rows == expected)
    }

    @Test(
        arguments: [
            ("a,b\n1,2\n3\n", 3, "expected 2 fields"),
            ("a,b\n\"x\"y,2\n", 2, "after a closing quote"),
            ("a,b\nx\"y,2\n", 2, "quote inside an unquoted field"),
            ("a,b\n\"open,2\n", 2, "unterminated"),
            ("a,a\n1,2\n", 1, "unique column name"),
            ("a,b\n", nil, "no data rows"),
            ("", nil, "is empty"),
        ] as [(String, Int?, String)]
    )
    func refusesBrokenFiles(csv: String, line: Int?, message: String) throws {
        let (rows, diagnostics) = try Self.load(csv)
        guard rows == nil else {
            Issue.record("expected \(csv.debugDescription) to be refused")
            return
        }
        let match = diagnostics.first { $0.message.contains(message) }
        #expect(match != nil, "\(diagnostics)")
        if let line { #expect(match?.location.line == line && match?.location.file.hasSuffix("d.csv") == true) }
    }
}
