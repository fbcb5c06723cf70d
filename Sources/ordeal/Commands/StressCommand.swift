import ArgumentParser
import FaultInjector
import Foundation
import Harness
import Scenarios

struct StressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Put pressure on this host's resources.",
        subcommands: [CPU.self, Memory.self]
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

    struct Memory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "memory",
            abstract:
                "Allocate and touch memory so it is really resident, hold it, release it, and print what was reached."
        )

        @Option(help: "How much, e.g. 512MiB, 1GiB or 100MB.")
        var bytes: String?

        @Option(help: "Or a share of the host's available memory (MemAvailable), above 0 and at most 100.")
        var percent: Double?

        @Option(name: .customLong("for"), help: "How long to hold it, e.g. 30s or 2m.")
        var duration: String

        func run() async throws {
            try await runReportingFailure {
                let pressure: MemoryPressure
                let length: Duration
                do {
                    switch (bytes, percent) {
                    case (let text?, nil): pressure = try MemoryPressure(.bytes(try ByteSizeParser.parse(text)))
                    case (nil, let share?): pressure = try MemoryPressure(.percentOfAvailable(share))
                    default: throw CommandFailure(.usage, "give exactly one of --bytes or --percent")
                    }
                    length = try DurationParser.parse(duration)
                } catch let failure as CommandFailure {
                    throw failure
                } catch {
                    throw CommandFailure(.usage, "\(error)")
                }
                let report: MemoryPressureReport
                do { report = try await pressure.run(for: length) } catch {
                    throw CommandFailure(.unavailable, "\(error)")
                }
                print(
                    "memory: " + report.summary
                        + String(
                            format:
                                "; held %.2fs; process resident %.1f MiB before, %.1f MiB at peak, %.1f MiB after release",
                            report.heldSeconds,
                            Double(report.processResidentBefore) / 1_048_576,
                            Double(report.processResidentPeak) / 1_048_576,
                            Double(report.processResidentAfter) / 1_048_576
                        )
                )
            }
        }
    }
}
