import ArgumentParser
import Dispatch
import Foundation
import Harness
import LoadGenerator
import Profiler
import Scenarios

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: start the target, apply load and faults, write the report.",
        discussion: """
            Writes report.json and report.html into --out (default reports/<scenario>-<timestamp>/).
            Until the harness lands, a scenario runs against --url (or its own target URL) and writes result.json;
            its steps must need no templates or captures yet. Without a scenario, --url with --vus N or --rate R/s
            runs one GET phase for --duration (as wrk does). Ctrl-C stops the run and still writes what was measured (exit 130).
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String?

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

    @Option(help: "Without a scenario: closed model with this many virtual users (connections).")
    var vus: Int?

    @Option(help: "Without a scenario: open model at this arrival rate, e.g. 5000/s.")
    var rate: String?

    @Option(help: "Without a scenario: how long to run, e.g. 30s.")
    var duration: String = "10s"

    @Option(help: "Without a scenario: the cap on iterations in flight for --rate; the excess is dropped.")
    var maxInFlight: Int?

    func run() async throws {
        try await runReportingFailure {
            let plan = try makePlan()
            let name = scenario.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "run"
            let folder = out ?? "reports/\(name)-\(Int(Date().timeIntervalSince1970))"
            try await runInterruptibly(StandaloneRun(plan: plan, outputDirectory: folder))
        }
    }

    /// The plan from the scenario file (sent to --url when given), or from the quick-run flags.
    private func makePlan() throws -> LoadPlan {
        if target != nil { throw NotImplemented("ordeal run --target", issue: 8) }
        if let scenario {
            let loaded: Scenario
            do {
                loaded = try ScenarioLoader.load(path: scenario)
            } catch {
                throw Self.failure(for: error, file: scenario)
            }
            do {
                return try LoadPlan(scenario: loaded, url: url)
            } catch {
                throw CommandFailure(.invalidInput, "\(error)")
            }
        }
        guard let url else { throw CommandFailure(.usage, "give a scenario file, or --url with --vus or --rate") }
        do {
            return try LoadPlan.quick(url: url, users: vus, rate: rate, duration: duration, maxInFlight: maxInFlight)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
    }

    private static func failure(for error: ScenarioError, file: String) -> CommandFailure {
        switch error {
        case .unreadable(let path, let reason):
            return CommandFailure(.noInput, "cannot read \(path): \(reason)")
        case .invalid(let diagnostics):
            FileHandle.standardError.write(Data(diagnostics.map { "\($0)\n" }.joined().utf8))
            return CommandFailure(.invalidInput, "\(file) is invalid: \(diagnostics.count) problem(s) found")
        }
    }

    private func runInterruptibly(_ standalone: StandaloneRun) async throws {
        let printer = ProgressPrinter()
        let task = Task { try await standalone.run { printer.show($0) } }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT)
        interrupt.setEventHandler { task.cancel() }
        interrupt.resume()
        defer { interrupt.cancel() }
        let (result, file) = try await task.value
        printer.finish()
        let overall = result.totals.overall
        print("\(overall.requests) requests, \(overall.errors) errors, \(result.totals.iterationsDropped) dropped")
        print("wrote \(file)")
        if result.wasInterrupted { throw ArgumentParser.ExitCode(130) }
    }
}

/// Prints the progress line: redrawn in place on a terminal, a plain line every 10 s otherwise.
struct ProgressPrinter: Sendable {
    let isTerminal = isatty(STDERR_FILENO) == 1

    func show(_ summary: IntervalSummary) {
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(ProgressLine.text(for: summary))".utf8))
        } else if ProgressLine.isDue(summary, every: 10) {
            FileHandle.standardError.write(Data("\(ProgressLine.text(for: summary))\n".utf8))
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
