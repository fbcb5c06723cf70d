import ArgumentParser
import Harness
import Profiler

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two reports and tell a real regression from noise (exit 2 on a regression).",
        discussion: """
            Per request name, the per-second p50, p90, p99, throughput and error rate of both runs are compared with
            the Mann-Whitney U test. A change is a regression when it is significant (p < alpha) and at least the
            threshold in size.
            """
    )

    @Argument(help: "The baseline report.json.")
    var base: String

    @Argument(help: "The new report.json.")
    var new: String

    @Option(help: "Significance level of the test.")
    var alpha = 0.05

    @Option(help: "Smallest significant change that counts, as a percentage (5%) or a fraction (0.05).")
    var threshold = "5%"

    @Option(help: "Write the comparison as HTML to this file.")
    var html: String?

    @Option(help: "Write the comparison as JSON to this file.")
    var json: String?

    func validate() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1, got \(alpha)") }
        _ = try parsedThreshold()
    }

    func parsedThreshold() throws -> Double {
        let text = threshold.hasSuffix("%") ? String(threshold.dropLast()) : threshold
        guard let value = Double(text), value >= 0 else {
            throw ValidationError(
                "--threshold must be a percentage like 5% or a fraction like 0.05, got '\(threshold)'"
            )
        }
        return threshold.hasSuffix("%") ? value / 100 : value
    }

    func run() async throws {
        try await runReportingFailure {
            let baseReport = try ReportFiles.read(base)
            let newReport = try ReportFiles.read(new)
            let comparator = Comparator(alpha: alpha, threshold: try parsedThreshold())
            let comparison = comparator.compare(base: baseReport, new: newReport)
            if baseReport.run.scenarioHash != newReport.run.scenarioHash {
                print("note: the reports are of different scenario files (hashes differ)")
            }
            print(MarkdownRenderer.render(comparison))
            if let html { try ReportFiles.write(HTMLRenderer.render(comparison), to: html) }
            if let json { try ReportFiles.write(comparison.jsonData(), to: json) }
            if comparison.regressed {
                let count = comparison.metrics.filter { $0.verdict == .regression }.count
                throw CommandFailure(.regression, "\(count) metric(s) regressed against \(base)")
            }
        }
    }
}
