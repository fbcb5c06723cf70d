import ArgumentParser
import FaultInjector
import Foundation
import Harness
import Scenarios

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
            try await runReportingFailure {
                let pressure: CPUPressure
                let length: Duration
                do {
                    pressure = try CPUPressure(percent: percent, cores: cores)
                    length = try DurationParser.parse(duration)
                } catch {
                    throw CommandFailure(.usage, "\(error)")
                }
                let report = await pressure.run(for: length)
                print(
                    String(
                        format:
                            "cpu: asked %d%% of %d core(s) for %.2fs; used %.3f core-seconds = %.3f cores (%.1f%% of asked)",
                        report.percent,
                        report.cores,
                        report.wallSeconds,
                        report.cpuSeconds,
                        report.coresUsed,
                        report.accuracy * 100
                    )
                )
            }
        }
    }
}
