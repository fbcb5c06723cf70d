import ArgumentParser
import Foundation
import Harness
import Profiler
import Scenarios

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the reports of one scenario run in segments on several machines into one report.",
        discussion: """
            With --wait N the arguments are folders (a shared volume): the merge waits until N segment reports \
            (report.json, at any depth) are there, checks they are segments 1..N of one run, each run to its end, \
            merges them, evaluates the SLOs on the merged data and exits with that verdict. \
            Writes report.json, report.html, junit.xml and summary.md into --out. \
            Exit codes: 0 every SLO held; 1 an SLO failed (also a segment stopped by an abort-on-fail SLO); \
            65 a segment missing at --timeout, stopped early, unanswered, duplicated or of another run; 64 usage.
            """
    )

    @Argument(help: "The segment reports (report.json files), or with --wait the folders they appear in.")
    var reports: [String]

    @Option(help: "Wait until this many segment reports are in the folders, then merge them.")
    var wait: Int?

    @Option(help: "With --wait: how long to wait for every segment, e.g. 10m.")
    var timeout = "10m"

    @Option(help: "The folder to write the merged report.json, report.html, junit.xml and summary.md into.")
    var out = "merged"

    func validate() throws {
        if let wait {
            guard wait >= 1 else { throw ValidationError("--wait \(wait): expected a number of segments >= 1") }
            guard !reports.isEmpty else { throw ValidationError("--wait needs at least one folder to wait in") }
            _ = try parsedTimeout()
        } else if reports.count < 2 {
            throw ValidationError("merge needs at least two reports, got \(reports.count)")
        }
    }

    private func parsedTimeout() throws -> Duration {
        do { return try DurationParser.parse(timeout) } catch { throw ValidationError("--timeout: \(error)") }
    }

    func run() async throws {
        try await runReportingFailure {
            let started = ContinuousClock.now
            let parts = try await collect()
            let merged: Report
            do throws(ReportMergeError) {
                let missing = try ReportMerger.missingSegments(parts.map(\.report), sources: parts.map(\.path))
                if !missing.isEmpty { throw ReportMergeError(description: ReportMerger.describeMissing(missing)) }
                merged = try ReportMerger.merge(parts.map(\.report), sources: parts.map(\.path))
            } catch {
                throw CommandFailure(error.sloFailed ? .sloFailed : .invalidInput, "\(error)")
            }
            let folder = URL(fileURLWithPath: out)
            try ReportFiles.write(merged.jsonData(), to: folder.appendingPathComponent("report.json").path)
            try ReportFiles.write(HTMLRenderer.render(merged), to: folder.appendingPathComponent("report.html").path)
            try ReportFiles.write(JUnitRenderer.render(merged), to: folder.appendingPathComponent("junit.xml").path)
            try ReportFiles.write(MarkdownRenderer.render(merged), to: folder.appendingPathComponent("summary.md").path)
            let took = (ContinuousClock.now - started).components.seconds
            let iterations = merged.timeline.reduce(0) { $0 + $1.iterationsStarted }
            let dropped = merged.timeline.reduce(0) { $0 + $1.iterationsDropped }
            print(
                "merged \(parts.count) reports (\(merged.overall.requests) requests, \(iterations) iterations, "
                    + "\(dropped) dropped) into \(folder.path) in \(took) s"
            )
            for verdict in merged.slos { print("\(verdict.passed ? "PASS" : "FAIL") \(verdict.expression)") }
            if !merged.slosPassed { throw CommandFailure(.sloFailed, "an SLO failed on the merged report") }
        }
    }

    /// The reports named, or with --wait those that appear in the folders.
    private func collect() async throws -> [(path: String, report: Report)] {
        guard let wait else { return try reports.map { ($0, try ReportFiles.read($0)) } }
        let collector = SegmentCollector(count: wait, paths: reports, timeout: try parsedTimeout())
        do {
            return try await collector.collect { line in
                FileHandle.standardError.write(Data("ordeal merge: \(line)\n".utf8))
            }
        } catch {
            throw CommandFailure(error.sloFailed ? .sloFailed : .invalidInput, error.description)
        }
    }
}
