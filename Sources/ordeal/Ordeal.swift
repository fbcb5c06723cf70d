import ArgumentParser

/// `ordeal`: load, faults and analysis in one tool.
@main
struct Ordeal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ordeal",
        abstract: "Load generation, fault injection and latency analysis for HTTP services.",
        discussion: """
            Exit codes: 0 every SLO held and no regression; 1 an SLO failed; 2 a regression was found;
            64 usage error; 65 invalid scenario, target or report; 66 missing input file;
            69 target or capability unavailable; 70 internal error; 74 output not writable.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ValidateCommand.self, ProxyCommand.self, StressCommand.self,
            ReportCommand.self, CompareCommand.self, MergeCommand.self, ImportCommand.self, InitCommand.self,
        ]
    )
}
