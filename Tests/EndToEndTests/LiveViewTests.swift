import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The live views of a real `ordeal run`: `/events` and `/metrics` while it lasts, the dashboard in a real headless
/// Chromium, honest endings on signals and on a target that never answers.
@Suite(.timeLimit(.minutes(3))) struct LiveViewTests {
    static let chromium = "/usr/bin/chromium"

    @Test func eventsMetricsJSONLinesAndTheDashboardDuringARealRun() async throws {
        let workspace = try Workspace()
        let server = try await TestHTTPServer.start(TestHTTPServer.Options())
        defer { Task { await server.stop() } }
        let (dashboard, metrics) = (try RefusingPort.free(), try RefusingPort.free())
        let jsonl = workspace.folder.appendingPathComponent("seconds.jsonl").path
        let run = try ChildProcess(
            "ordeal",
            [
                "run", "--url", server.url(secure: false), "--rate", "40/s", "--duration", "20s",
                "--dashboard", "127.0.0.1:\(dashboard)", "--metrics", "127.0.0.1:\(metrics)", "--jsonl", jsonl,
                "--out", workspace.folder.appendingPathComponent("out").path,
            ]
        )
        _ = try await run.waitForLine(containing: "metrics at", inErrors: true)
        let exposition = try await OwnThread.run {
            try RawHTTP.poll(port: metrics, "/metrics", until: { $0.contains("ordeal_http_reqs_total{") })
        }
        #expect(exposition.contains(#"ordeal_http_req_duration_seconds_bucket{name="GET /",le="+Inf"}"#))
        #expect(exposition.contains(#"ordeal_vus{phase="rate"}"#), "\(exposition)")
        #expect(exposition.contains(#"ordeal_in_flight{phase="rate"}"#))
        let events = try await OwnThread.run {
            try RawHTTP.get(port: dashboard, "/events", until: { $0.components(separatedBy: "data: ").count > 2 })
        }
        #expect(events.contains(#""total":{"#) && events.contains(#""phase":"rate""#), "\(events.prefix(400))")

        if FileManager.default.isExecutableFile(atPath: Self.chromium) {
            let first = try await Self.requestCount(onDashboardAt: dashboard).count
            try await Task.sleep(for: .seconds(2))
            let (second, dom) = try await Self.requestCount(onDashboardAt: dashboard)
            #expect(first > 0 && second > first, "the page's request count grows: \(first) then \(second)")
            let concurrency = dom.range(of: #"<svg id="concurrency"[^>]*>.*?</svg>"#, options: .regularExpression)
            #expect(
                concurrency.map { dom[$0].components(separatedBy: "<polyline").count - 1 } == 2,
                "the concurrency chart draws virtual users and requests in flight"
            )
        } else {
            print("LiveViewTests: skipping the dashboard's DOM check: \(Self.chromium) is not installed")
        }

        let status = try await Self.exit(of: run)
        #expect(status == 0)
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 19, "one JSON object per second: \(lines.count)")
        let last = try #require(JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
        #expect((last["total"] as? [String: Any])?["requests"] as? Int ?? 0 > 200)
        #expect(last["vus"] is Int && last["inFlight"] is Int, "\(last.keys.sorted())")
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func aSignalStopsTheRunWithItsExitCodeAndSaysSoInTheReport(signal: Int32, code: Int32, name: String) async throws {
        let workspace = try Workspace()
        let server = try await TestHTTPServer.start(TestHTTPServer.Options())
        defer { Task { await server.stop() } }
        let run = try ChildProcess(
            "ordeal",
            [
                "run", "--url", server.url(secure: false), "--rate", "20/s", "--duration", "60s", "--out",
                workspace.folder.appendingPathComponent("out").path,
            ]
        )
        _ = try await run.waitForLine(containing: "load goes to", inErrors: true)
        try await Task.sleep(for: .seconds(2))
        kill(run.process.processIdentifier, signal)
        #expect(try await Self.exit(of: run) == code)
        let report = try #require(
            JSONSerialization.jsonObject(with: workspace.read("out/report.json")) as? [String: Any]
        )
        let stopped = try #require((report["run"] as? [String: Any])?["stopped"] as? [String: Any])
        #expect(stopped["reason"] as? String == "interrupted" && stopped["signal"] as? String == name)
        #expect((stopped["at"] as? Double ?? 99) < 60)
        #expect((report["run"] as? [String: Any])?["loadStartedAt"] != nil)
    }

    @Test func aTargetThatNeverAnswersIsOneClearLineAndExit69() async throws {
        let workspace = try Workspace()
        let refusing = try RefusingPort()
        let (status, _, errors) = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", "http://127.0.0.1:\(refusing.port)/", "--rate", "20/s", "--duration", "1s", "--out",
                workspace.folder.appendingPathComponent("out").path,
            ]
        )
        withExtendedLifetime(refusing) {}
        #expect(status == 69)
        #expect(
            errors.contains("no response from http://127.0.0.1:\(refusing.port): 20 of 20 requests failed"),
            "\(errors)"
        )
        #expect(!errors.contains("target ready"), "a --url target is not checked, so it is never called ready")
    }

    @Test func aMetricsPortInUseFailsBeforeAnyLoadWithExit69() async throws {
        let workspace = try Workspace()
        let server = try await TestHTTPServer.start(TestHTTPServer.Options())
        defer { Task { await server.stop() } }
        let (status, _, errors) = try await ChildProcess.run(
            "ordeal",
            [
                "run", "--url", server.url(secure: false), "--rate", "20/s", "--duration", "5s", "--metrics",
                "127.0.0.1:\(server.port)", "--out", workspace.folder.appendingPathComponent("out").path,
            ]
        )
        #expect(status == 69)
        #expect(errors.contains("--metrics 127.0.0.1:\(server.port): cannot listen"), "\(errors)")
        #expect(server.counts.requests == 0, "no load before every live view listens")
    }

    @Test func theConsoleLineShowsAOneSecondStallOfTheServerInItsOwnWindow() async throws {
        let workspace = try Workspace()
        let server = try ChildProcess("order-service", ["payments", "--port", "0"])
        defer { server.terminate() }
        let base = try #require(
            try await server.waitForLine(containing: "payments listening").split(separator: " ").last
        )
        let run = try ChildProcess(
            "ordeal",
            [
                "run", "--url", "\(base)/health", "--rate", "50/s", "--duration", "12s", "--out",
                workspace.folder.appendingPathComponent("out").path,
            ]
        )
        // The stall is made from the thread that read the line, so a busy concurrency pool cannot move it.
        let paused = server.process.processIdentifier
        _ = try await run.waitForLine(containing: "load goes to", inErrors: true) {
            Thread.sleep(forTimeInterval: 1)
            kill(paused, SIGSTOP)
            Thread.sleep(forTimeInterval: 1)
            kill(paused, SIGCONT)
        }
        #expect(try await Self.exit(of: run) == 0)
        // Not a terminal: one line per 5 s window, whose max is the stall's, whatever its last second held.
        let lines = run.remainingOutput(inErrors: true).split(separator: "\n").filter {
            $0.hasPrefix("0m05s") || $0.hasPrefix("0m10s")
        }
        #expect(!lines.isEmpty, "no 5 s window line")
        let maxima = lines.map { line in
            line.range(of: #"max [0-9]+ms"#, options: .regularExpression).flatMap { Int(line[$0].filter(\.isNumber)) }
                ?? 0
        }
        #expect(maxima.contains { $0 >= 900 }, "\(lines)")
    }

    /// The dashboard's request count as a real Chromium renders it (`--dump-dom`), and the rendered page.
    static func requestCount(onDashboardAt port: Int) async throws -> (count: Int, dom: String) {
        let (status, dom, _) = try await ChildProcess.run(
            chromium,
            ["--headless=new", "--no-sandbox", "--disable-gpu", "--dump-dom", "http://127.0.0.1:\(port)/"]
        )
        #expect(status == 0)
        guard let range = dom.range(of: #"<b id="requests">([0-9,]+)</b>"#, options: .regularExpression) else {
            return (0, dom)
        }
        return (Int(dom[range].filter(\.isNumber)) ?? 0, dom)
    }

    static func exit(of child: ChildProcess) async throws -> Int32 {
        let deadline = ContinuousClock.now + .seconds(90)
        while child.process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return child.process.isRunning ? -1 : child.process.terminationStatus
    }
}

/// A one-shot HTTP/1.1 GET over a blocking socket, read until `until` holds or the server closes.
enum RawHTTP {
    struct Failure: Error { let description: String }

    /// Asks again every 100 ms (at most 30 s) until the answer satisfies `until`.
    static func poll(port: Int, _ path: String, until: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        var text = ""
        while ContinuousClock.now < deadline {
            text = try get(port: port, path, until: until)
            if until(text) { return text }
            usleep(100_000)
        }
        return text
    }

    static func get(port: Int, _ path: String, until: (String) -> Bool) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect to \(port): errno \(errno)") }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !until(text) {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return text
    }
}
