import Foundation
import Profiler

/// Writes a report's files into its folder: report.json and report.html always, junit.xml and summary.md on request.
public enum ReportWriter {
    /// Returns the paths written.
    public static func write(_ report: Report, to folder: URL, junit: Bool, markdown: Bool) throws(RunFailure)
        -> [String]
    {
        var files: [(String, Data)] = [
            ("report.json", report.jsonData()),
            ("report.html", Data(HTMLRenderer.render(report).utf8)),
        ]
        if junit { files.append(("junit.xml", Data(JUnitRenderer.render(report).utf8))) }
        if markdown { files.append(("summary.md", Data(MarkdownRenderer.render(report).utf8))) }
        var written: [String] = []
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            // Atomic: `merge --wait` reads a report.json on a shared volume as soon as it exists.
            do { try data.write(to: url, options: .atomic) } catch {
                throw RunFailure(.ioError, "cannot write \(url.path): \(error.localizedDescription)")
            }
            written.append(url.path)
        }
        return written
    }
}
