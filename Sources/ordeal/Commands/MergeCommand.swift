import ArgumentParser
import Foundation
import Harness
import Profiler

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the reports of one scenario run in segments on several machines into one report."
    )

    @Argument(help: "The segment reports (report.json files).")
    var reports: [String]

    @Option(help: "The folder to write the merged report.json and report.html into.")
    var out = "merged"

    func validate() throws {
        guard reports.count >= 2 else {
            throw ValidationError("merge needs at least two reports, got \(reports.count)")
        }
    }

    func run() async throws {
        try await runReportingFailure {
            var parts: [Report] = []
            for path in reports { parts.append(try ReportFiles.read(path)) }
            let merged: Report
            do { merged = try ReportMerger.merge(parts, sources: reports) } catch {
                throw CommandFailure(.invalidInput, "\(error)")
            }
            let folder = URL(fileURLWithPath: out)
            try ReportFiles.write(merged.jsonData(), to: folder.appendingPathComponent("report.json").path)
            try ReportFiles.write(HTMLRenderer.render(merged), to: folder.appendingPathComponent("report.html").path)
            print("merged \(reports.count) reports (\(merged.overall.requests) requests) into \(folder.path)")
            if !merged.slosPassed { throw CommandFailure(.sloFailed, "an SLO failed on the merged report") }
        }
    }
}
