import ArgumentParser
import Basics
import Foundation
import Harness
import LoadGenerator
import Scenarios

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: start the target, apply load and faults, write the report.",
        discussion: """
            Writes report.json and report.html into --out (default reports/<scenario>-<timestamp>/), and junit.xml
            and summary.md on request. Ctrl-C stops the load early and still writes what was measured.
            Exit codes: 0 every SLO held and no regression; 1 an SLO failed; 2 a regression against --baseline;
            64 usage; 65 invalid scenario or target; 66 missing file; 69 target unavailable; 74 output not writable.
            Without a scenario, --url with --vus N or --rate R/s runs one GET phase for --duration, as wrk does.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String?

    @Option(help: "A target file that says how to start the system under test (overrides the scenario's).")
    var target: String?

    @Option(help: "Send the load to this base URL instead of starting a target.")
    var url: String?

    @Option(help: "The folder to write the reports into.")
    var out: String?

    @Option(help: "A previous report.json to compare this run against (exit 2 on a regression).")
    var baseline: String?

    @Option(
        help: """
            Run the i-th of n equal parts of the load, e.g. 1/4 (for several generator machines); auto: \
            JOB_COMPLETION_INDEX + 1 of ORDEAL_SEGMENTS, as in a Kubernetes Indexed Job.
            """
    )
    var segment: String?

    @Option(
        help: """
            Begin the load at this wall-clock instant, RFC 3339 (2026-12-01T15:30:00Z) or from now (+30s), so \
            segments on several machines start together; a late one joins the schedule where it stands, counting \
            what it missed as dropped.
            """
    )
    var startAt: String?

    @Option(
        name: [.customShort("c"), .long],
        help: "Without a scenario: closed model with this many virtual users (connections); -c as wrk and hey."
    )
    var vus: Int?

    @Option(help: "Without a scenario: open model at this arrival rate, e.g. 5000/s.")
    var rate: String?

    @Option(help: "Without a scenario: how long to run, e.g. 30s (with -n: the most it may take; default 10m).")
    var duration: String?

    @Option(name: [.customShort("m"), .long], help: "Without a scenario: the request method (default GET).")
    var method = "GET"

    @Option(name: [.customShort("H"), .long], help: "Without a scenario: a request header 'Name: value' (repeatable).")
    var header: [String] = []

    @Option(name: [.customShort("d"), .long], help: "Without a scenario: the request body.")
    var body: String?

    @Option(help: "Without a scenario: a file whose bytes are the request body.")
    var bodyFile: String?

    @Option(
        name: [.customShort("n"), .long],
        help: "Without a scenario: iterations in all, shared by the --vus users."
    )
    var requests: Int?

    @Option(help: "Without a scenario: how long a request may wait for its response, e.g. 2s (default 10s).")
    var timeout = "10s"

    @Option(help: "Without a scenario: the cap on iterations in flight for --rate; the excess is counted as dropped.")
    var maxInFlight: Int?

    @Option(
        help: """
            Without a scenario: how many HTTP/2 connections carry the streams (default one per 10 users); over \
            HTTP/1.1 the number of users, one connection each, as wrk's --connections.
            """
    )
    var connections: Int?

    @Flag(name: [.customShort("k"), .long], help: "Without a scenario: do not verify the server's certificate.")
    var insecure = false

    @Option(help: "Without a scenario: a PEM file of CA certificates to trust besides the system's.")
    var cacert: String?

    @Option(help: "Without a scenario: a PEM client certificate (mutual TLS); needs --key.")
    var cert: String?

    @Option(help: "Without a scenario: the PEM private key of --cert.")
    var key: String?

    @Flag(name: .customLong("http1.1"), help: "Without a scenario: speak HTTP/1.1 only.")
    var http1 = false

    @Flag(name: .customLong("http2"), help: "Without a scenario: speak HTTP/2 only (by ALPN over TLS).")
    var http2 = false

    @Flag(help: "Without a scenario: HTTP/2 over plain TCP without upgrade (h2c), for http:// URLs.")
    var http2PriorKnowledge = false

    @Option(help: "How many event loops (threads) generate the load, as wrk's -t (default: one per core).")
    var loops: Int?

    @Flag(help: "Also write junit.xml (one test case per SLO and comparison verdict).")
    var junit = false

    @Option(help: "Serve a live dashboard during the run at ADDR (bare: 127.0.0.1:5665); its events are at /events.")
    var dashboard: String?

    @Option(help: "Serve Prometheus metrics during the run at ADDR (bare: 127.0.0.1:9464), under /metrics.")
    var metrics: String?

    @Option(help: "Write one JSON object per second to FILE ('-' for standard output).")
    var jsonl: String?

    @Flag(help: "Also write summary.md (GitHub step summary style).")
    var summary = false

    /// A bad flag or combination exits 64 with one line saying why, not the parser's three-line usage block.
    func validate() throws {
        do {
            try checkFlags()
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data("ordeal run: \(error.message)\n".utf8))
            throw ExitCode(OrdealExitCode.usage.rawValue)
        }
    }

    private func checkFlags() throws {
        if url != nil && target != nil { throw ValidationError("give --url or --target, not both") }
        if [http1, http2, http2PriorKnowledge].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --http1.1, --http2 and --http2-prior-knowledge")
        }
        if (cert == nil) != (key == nil) { throw ValidationError("--cert and --key go together") }
        if let loops, !(1...1024).contains(loops) { throw ValidationError("--loops \(loops): expected 1 to 1024") }
        if let connections, let vus, connections != vus, speaksHTTP1 {
            throw ValidationError(
                "--connections \(connections) and --vus \(vus): over HTTP/1.1 each user has its own connection, give one"
            )
        }
        if !HTTPToken.isToken(method) {
            throw ValidationError("-m \"\(method)\": expected an HTTP method, such as GET or POST")
        }
        if body != nil && bodyFile != nil { throw ValidationError("give -d/--body or --body-file, not both") }
        if requests != nil && rate != nil {
            throw ValidationError("-n/--requests counts iterations of users: give it with -c/--vus, not --rate")
        }
        if let bad = header.first(where: { QuickRequest.header($0) == nil }) {
            throw ValidationError("-H \"\(bad)\": expected 'Name: value'")
        }
        if let bodyFile, !FileManager.default.isReadableFile(atPath: bodyFile) {
            throw ValidationError("--body-file \(bodyFile): no such readable file")
        }
        for (flag, path) in [("--cacert", cacert), ("--cert", cert), ("--key", key)] {
            if let path, !FileManager.default.isReadableFile(atPath: path) {
                throw ValidationError("\(flag) \(path): no such readable file")
            }
        }
        if let segment { _ = try parsedSegment(segment) }
        if let startAt { _ = try parsedStart(startAt) }
        for (flag, address) in [("--dashboard", dashboard), ("--metrics", metrics)] {
            if let address, HostAndPort(address) == nil {
                throw ValidationError("\(flag) \(address): expected host:port, such as 127.0.0.1:5665")
            }
        }
    }

    /// Whether the quick run speaks HTTP/1.1 for certain (its connections are its users).
    private var speaksHTTP1: Bool {
        http1 || (url?.hasPrefix("http://") == true && !http2 && !http2PriorKnowledge)
    }

    private func parsedSegment(_ text: String) throws -> Segment {
        if text == "auto" {
            do { return try Segment(environment: ProcessInfo.processInfo.environment) } catch {
                throw ValidationError("--segment auto: \(error)")
            }
        }
        do { return try Segment(parsing: text) } catch { throw ValidationError("--segment: \(error)") }
    }

    private func parsedStart(_ text: String) throws -> StartInstant {
        do { return try StartInstant(parsing: text) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        try await runReportingFailure {
            let quick = QuickLoad(
                // Over HTTP/1.1 a connection is a user, as wrk's -c/--connections.
                users: vus ?? (speaksHTTP1 ? connections : nil),
                rate: rate,
                duration: duration ?? (requests == nil ? "10s" : "10m"),
                maxInFlight: maxInFlight,
                tls: TLSSettings(
                    ca: cacert.map { FileReference(path: $0) },
                    insecure: insecure,
                    certificate: cert.map { FileReference(path: $0) },
                    key: key.map { FileReference(path: $0) }
                ),
                httpVersion: http1 ? .http1 : (http2 || http2PriorKnowledge) ? .http2 : .auto,
                connections: speaksHTTP1 ? nil : connections,
                request: QuickRequest(
                    method: method,
                    headers: header.compactMap(QuickRequest.header),
                    body: try bodyFile.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
                        ?? Array((body ?? "").utf8),
                    total: requests
                ),
                timeout: timeout
            )
            var options = RunOptions(
                scenarioPath: scenario,
                quick: scenario == nil ? quick : nil,
                url: url,
                targetPath: target,
                outputDirectory: out,
                baselinePath: baseline,
                segment: try segment.map(parsedSegment) ?? .whole,
                startAt: try startAt.map(parsedStart),
                writeJUnit: junit,
                writeMarkdown: summary,
                searchPath: [Self.ownFolder],
                live: LiveOptions(
                    dashboard: dashboard.flatMap { HostAndPort($0) },
                    metrics: metrics.flatMap { HostAndPort($0) },
                    jsonl: jsonl,
                    consoleEvery: isatty(STDERR_FILENO) == 1 ? 1 : 5
                )
            )
            options.loops = loops
            let outcome = try await InterruptibleRun.execute(Run(options: options), progress: makeProgressPrinter())
            // With --jsonl -, standard output carries the JSON lines alone; the summary goes to standard error.
            if jsonl == "-" {
                FileHandle.standardError.write(Data((RunSummary.text(for: outcome) + "\n").utf8))
            } else {
                print(RunSummary.text(for: outcome))
            }
            if outcome.exitCode != .passed { throw CommandFailure(outcome.exitCode, RunSummary.verdict(for: outcome)) }
        }
    }

    /// The folder this executable lives in, so target files find `order-service` from the same build.
    static var ownFolder: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
    }
}
