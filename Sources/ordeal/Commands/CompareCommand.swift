import ArgumentParser
import Harness

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two reports and tell a real regression from noise (exit 2 on a regression)."
    )

    @Argument(help: "The baseline report.json.")
    var base: String

    @Argument(help: "The new report.json.")
    var new: String

    func run() async throws {
        try await runReportingFailure { throw NotImplemented("ordeal compare", issue: 4) }
    }
}
