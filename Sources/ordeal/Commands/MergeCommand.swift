import ArgumentParser
import Harness

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the reports of one scenario run in segments on several machines into one report."
    )

    @Argument(help: "The segment reports (report.json files).")
    var reports: [String]

    @Option(help: "The folder to write the merged report into.")
    var out: String?

    func run() async throws {
        try await runReportingFailure { throw NotImplemented("ordeal merge", issue: 4) }
    }
}
