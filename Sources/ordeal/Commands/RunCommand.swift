import ArgumentParser
import Harness

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: start the target, apply load and faults, write the report.",
        discussion: "Writes report.json and report.html into --out (default reports/<scenario>-<timestamp>/)."
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "A target file that says how to start the system under test.")
    var target: String?

    @Option(help: "Send the load to this base URL instead of starting a target.")
    var url: String?

    @Option(help: "The folder to write the reports into.")
    var out: String?

    @Option(help: "A previous report.json to compare this run against.")
    var baseline: String?

    @Option(help: "Run the i-th of n equal parts of the arrival rate, e.g. 1/4 (for several generator machines).")
    var segment: String?

    func run() async throws {
        try await runReportingFailure { throw NotImplemented("ordeal run", issue: 8) }
    }
}
