import ArgumentParser
import Foundation
import Harness
import Scenarios

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Parse and check a scenario file; print every problem with file, line and column. Runs nothing.",
        discussion: """
            Problems are printed one per line as `file:line:column: error: message` on standard error.
            Exit codes: 0 valid (a summary of the plan is printed); 65 invalid; 66 the file cannot be read.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    func run() async throws {
        try await runReportingFailure {
            let loaded: Scenario
            do {
                loaded = try ScenarioLoader.load(path: scenario)
            } catch let error as ScenarioError {
                throw failure(for: error)
            }
            print(loaded.summary)
        }
    }

    private func failure(for error: ScenarioError) -> CommandFailure {
        switch error {
        case .unreadable(let path, let reason):
            return CommandFailure(.noInput, "cannot read \(path): \(reason)")
        case .invalid(let diagnostics):
            let lines = diagnostics.map { "\($0)\n" }.joined()
            FileHandle.standardError.write(Data(lines.utf8))
            let count = diagnostics.count
            return CommandFailure(
                .invalidInput,
                "\(scenario) is invalid: \(count) problem\(count == 1 ? "" : "s") found"
            )
        }
    }
}
