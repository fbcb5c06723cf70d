import Foundation
import Harness
import Profiler

/// Reading and writing report files for the `report`, `compare` and `merge` commands, with their exit codes.
enum ReportFiles {
    /// Reads a report.json: exit 66 when the file is missing, 65 when it is not a report this build reads.
    static func read(_ path: String) throws(CommandFailure) -> Report {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandFailure(
                .noInput,
                "cannot read \(path): \(FileManager.default.fileExists(atPath: path) ? "unreadable" : "no such file")"
            )
        }
        do { return try Report(jsonData: data, source: path) } catch {
            throw CommandFailure(.invalidInput, error.description)
        }
    }

    /// Writes text to a file, creating its folder: exit 74 when that fails.
    static func write(_ text: String, to path: String) throws(CommandFailure) {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws(CommandFailure) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try data.write(to: url, options: .atomic)
        } catch {
            throw CommandFailure(.ioError, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// The path of a sibling file: `runs/a/report.json` with `report.html` gives `runs/a/report.html`.
    static func sibling(of path: String, named name: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
