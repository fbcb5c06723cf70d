import ArgumentParser
import Harness

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Parse and check a scenario file; print every problem with file, line and column. Runs nothing."
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    func run() async throws {
        try await runReportingFailure { throw NotImplemented("ordeal validate", issue: 3) }
    }
}
