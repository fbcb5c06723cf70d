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
            69 target or capability unavailable, or no response at all; 70 internal error; 74 output not writable;
            130 interrupted by Ctrl-C; 143 stopped by SIGTERM (the report covers what was measured).
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ValidateCommand.self, ProxyCommand.self, StressCommand.self,
            ReportCommand.self, CompareCommand.self, MergeCommand.self, ImportCommand.self, InitCommand.self,
        ]
    )

    /// `--dashboard` and `--metrics` take an optional address (as k6's); the parser wants a value, so a bare one gets
    /// its default here.
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let defaults = ["--dashboard": "127.0.0.1:5665", "--metrics": "127.0.0.1:9464"]
        var index = 0
        while index < arguments.count {
            if let address = defaults[arguments[index]] {
                let next = index + 1 < arguments.count ? arguments[index + 1] : nil
                let isAddress = next.map { $0.contains(":") && !$0.hasPrefix("-") && !$0.hasSuffix(".yaml") } ?? false
                if !isAddress { arguments.insert(address, at: index + 1) }
                index += 1
            }
            index += 1
        }
        await main(arguments)
    }
}
