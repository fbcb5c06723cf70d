import ArgumentParser
import Harness
import Profiler

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render a report.json as HTML, or print its HdrHistogram percentile distribution.",
        discussion: "Without an output option, writes report.html next to the report.json."
    )

    @Argument(help: "The report.json of a run.")
    var report: String

    @Option(help: "Write the HTML report to this file.")
    var html: String?

    @Flag(help: "Print the HdrHistogram percentile distribution of every request name (in ms).")
    var percentiles = false

    @Option(help: "Write a JUnit XML file (one test case per SLO and comparison verdict).")
    var junit: String?

    @Option(help: "Write a Markdown summary (GitHub step-summary style).")
    var markdown: String?

    @Option(help: "Write an HdrHistogram interval log (.hlog, format 1.3) of the per-second response times.")
    var hlog: String?

    func run() async throws {
        try await runReportingFailure {
            let report = try ReportFiles.read(self.report)
            if percentiles {
                do { print(try PercentileDistributionRenderer.render(report), terminator: "") } catch {
                    throw CommandFailure(.invalidInput, "\(self.report): \(error)")
                }
            }
            var outputs: [(String, String)] = []
            if let junit { outputs.append((junit, JUnitRenderer.render(report))) }
            if let markdown { outputs.append((markdown, MarkdownRenderer.render(report))) }
            if let hlog { outputs.append((hlog, IntervalLogRenderer.render(report))) }
            let html =
                html
                ?? (outputs.isEmpty && !percentiles ? ReportFiles.sibling(of: self.report, named: "report.html") : nil)
            if let html { outputs.append((html, HTMLRenderer.render(report))) }
            for (path, text) in outputs {
                try ReportFiles.write(text, to: path)
                if !percentiles { print("wrote \(path)") }
            }
        }
    }
}
