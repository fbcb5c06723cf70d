import ArgumentParser
import Harness

struct StressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Put pressure on this host's resources.",
        subcommands: [CPU.self]
    )

    struct CPU: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cpu",
            abstract: "Keep N cores busy for a given share of every time slice, then print the CPU time achieved."
        )

        @Option(help: "Share of each core to keep busy, 1 to 100.")
        var percent: Int

        @Option(help: "How many cores to load (default: all).")
        var cores: Int?

        @Option(name: .customLong("for"), help: "How long, e.g. 30s or 2m.")
        var duration: String

        func run() async throws {
            try await runReportingFailure { throw NotImplemented("ordeal stress cpu", issue: 5) }
        }
    }
}
