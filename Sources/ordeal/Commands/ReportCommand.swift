import ArgumentParser
import Harness

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render a report.json as HTML, or print its HdrHistogram percentile distribution."
    )

    @Argument(help: "The report.json of a run.")
    var report: String

    @Option(help: "Write the HTML report to this file.")
    var html: String?

    func run() async throws {
        try await runReportingFailure { throw NotImplemented("ordeal report", issue: 4) }
    }
}
