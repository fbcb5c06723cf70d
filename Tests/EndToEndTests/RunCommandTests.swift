import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `ordeal run` end to end: the real ordeal and order-service executables on loopback.
@Suite struct RunCommandTests {
    /// A target file that starts the reference service on free ports with a fault proxy "api" in front of it.
    static func orderServiceTarget(in workspace: Workspace) throws -> (path: String, servicePort: Int) {
        let service = try RefusingPort.free()
        let proxy = try RefusingPort.free()
        let path = try workspace.write(
            "target.yaml",
            """
            name: order-service
            url: http://127.0.0.1:\(proxy)
            processes:
              - name: order-service
                command: order-service
                arguments: [--port, "\(service)", --database, ":memory:"]
                ready: { http: "http://127.0.0.1:\(service)/health", deadline: 30s }
            proxies:
              - { name: api, listen: "127.0.0.1:\(proxy)", upstream: "127.0.0.1:\(service)" }
            """
        )
        return (path, service)
    }

    static func scenario(load: String, faults: String = "", slo: String) -> String {
        """
        name: e2e
        target: target.yaml
        load:
          - \(load)
        flow:
          - name: health
            get: /health
            check: { status: 200 }
        \(faults)
        slo:
        \(slo)
        """
    }

    static func report(_ workspace: Workspace, _ folder: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: workspace.read("\(folder)/report.json")) as? [String: Any])
    }

    @Test func aRunAgainstTheReferenceServiceWritesAReportAndPasses() async throws {
        let workspace = try Workspace()
        _ = try Self.orderServiceTarget(in: workspace)
        let scenario = try workspace.write(
            "scenario.yaml",
            Self.scenario(
                load: "{ name: steady, arrival-rate: 50/s, duration: 3s }",
                slo: "  - error-rate == 0%\n  - p99 < 2s"
            )
        )
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out"), "--junit", "--summary"],
            timeout: .seconds(90)
        )
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        let report = try Self.report(workspace, "out")
        let overall = try #require(report["overall"] as? [String: Any])
        // 50/s for 3 s: 150 arrivals, every one answered.
        #expect(overall["requests"] as? Int == 150)
        #expect(overall["errors"] as? Int == 0)
        #expect((report["slos"] as? [[String: Any]])?.count == 2)
        for file in ["report.html", "junit.xml", "summary.md", "logs/order-service.log"] {
            #expect(FileManager.default.fileExists(atPath: workspace.path("out/\(file)")), "missing \(file)")
        }
    }

    /// The README's main command: the shipped smoke scenario against the reference service its target file starts.
    @Test func theShippedSmokeScenarioPasses() async throws {
        let workspace = try Workspace()
        let smoke = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/smoke.yaml").path
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", smoke, "--out", workspace.path("out")],
            timeout: .seconds(90)
        )
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        let report = try Self.report(workspace, "out")
        let requests = try #require(report["requests"] as? [[String: Any]])
        #expect(
            requests.map { $0["name"] as? String } == [
                "health", "register", "login", "create-order", "get-order", "list-orders",
            ]
        )
        #expect(requests.allSatisfy { $0["requests"] as? Int == 1 && $0["errors"] as? Int == 0 })
    }

    @Test func theReportCountsMatchTheServicesOwnMetrics() async throws {
        let workspace = try Workspace()
        let service = try ChildProcess(
            "order-service",
            ["--host", "127.0.0.1", "--port", "0", "--database", ":memory:"]
        )
        defer { service.terminate() }
        let line = try await service.waitForLine(containing: "listening on")
        let base = try #require(line.split(separator: " ").last.map(String.init))
        let scenario = try workspace.write(
            "scenario.yaml",
            Self.scenario(
                load: "{ name: users, vus: 4, iterations: 400, max-duration: 30s }",
                slo: "  - error-rate == 0%"
            )
            .replacingOccurrences(of: "target: target.yaml", with: "url: \(base)")
        )
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: .seconds(90)
        )
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let requests = try #require(
            (try Self.report(workspace, "out")["overall"] as? [String: Any])?["requests"] as? Int
        )
        #expect(requests == 400)
        let (body, _) = try await URLSession.shared.data(from: try #require(URL(string: "\(base)/metrics")))
        let served = String(decoding: body, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("http_requests_total") && $0.contains("/health") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0, +)
        #expect(Int(served) == requests, "service counted \(served), report \(requests)")
    }

    @Test func aFailedSLOExitsOneWithAJUnitFailure() async throws {
        let workspace = try Workspace()
        _ = try Self.orderServiceTarget(in: workspace)
        let scenario = try workspace.write(
            "scenario.yaml",
            Self.scenario(load: "{ name: one, vus: 1, iterations: 5, max-duration: 10s }", slo: "  - p99 < 1us")
        )
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out"), "--junit"],
            timeout: .seconds(90)
        )
        #expect(result.status == 1, "stderr: \(result.stderr)")
        let junit = String(decoding: try workspace.read("out/junit.xml"), as: UTF8.self)
        #expect(junit.contains("<failure"))
        #expect(result.stdout.contains("FAIL  p99 < 1us"))
    }

    @Test func anAbortOnFailSLOStopsTheRunEarlyAndStillReports() async throws {
        let workspace = try Workspace()
        _ = try Self.orderServiceTarget(in: workspace)
        let scenario = try workspace.write(
            "scenario.yaml",
            Self.scenario(load: "{ name: long, arrival-rate: 20/s, duration: 60s }", slo: "  - p99 < 1us abort-on-fail")
        )
        let start = ContinuousClock.now
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: .seconds(90)
        )
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(ContinuousClock.now - start < .seconds(300), "far sooner than the 600 s the phase lasts")
        #expect(result.stdout.contains("run aborted: abort-on-fail SLO"))
        let requests = try #require(
            (try Self.report(workspace, "out")["overall"] as? [String: Any])?["requests"] as? Int
        )
        #expect(requests > 0 && requests < 20 * 300)
    }

    @Test func aFaultWindowShowsWhereItWasScheduled() async throws {
        let workspace = try Workspace()
        _ = try Self.orderServiceTarget(in: workspace)
        let scenario = try workspace.write(
            "scenario.yaml",
            Self.scenario(
                load: "{ name: steady, arrival-rate: 20/s, duration: 6s }",
                faults: "faults:\n  - { at: 2s, for: 2s, proxy: api, latency: { latency: 300ms } }",
                slo: "  - during faults: p50 > 250ms\n  - before faults: p50 < 100ms"
            )
        )
        let result = try await ChildProcess.run(
            "ordeal",
            ["run", scenario, "--out", workspace.path("out")],
            timeout: .seconds(90)
        )
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        let report = try Self.report(workspace, "out")
        let window = try #require((report["faults"] as? [[String: Any]])?.first)
        let start = try #require(window["start"] as? Double)
        let end = try #require(window["end"] as? Double)
        #expect(abs(start - 2) < 0.5 && abs(end - 4) < 0.5, "window \(start)...\(end)")
    }

    @Test func aTargetThatNeverBecomesReadyIsAClearErrorAndLeavesNothingBehind() async throws {
        let workspace = try Workspace()
        // Held bound (not listening) for the whole test, so no other test's server can take the port meanwhile.
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let marker = "ordeal-never-ready-\(UUID().uuidString.prefix(8))"
        try workspace.write(
            "target.yaml",
            """
            name: sleepy
            url: http://127.0.0.1:\(port)
            processes:
              - name: sleepy
                command: sh
                arguments: [-c, "sleep 60; : \(marker)"]   # sh waits for sleep, so its command line keeps the marker
                ready: { tcp: "127.0.0.1:\(port)", deadline: 1s }
            """
        )
        let scenario = try workspace.write(
            "scenario.yaml",
            Self.scenario(load: "{ name: one, vus: 1, iterations: 1, max-duration: 5s }", slo: "  - p99 < 1s")
        )
        let result = try await ChildProcess.run("ordeal", ["run", scenario, "--out", workspace.path("out")])
        #expect(result.status == 69)
        #expect(result.stderr.contains("sleepy") && result.stderr.contains("not ready"), "\(result.stderr)")
        let survivors = try ProcessTable.pids(withCommandLineContaining: marker)
        #expect(survivors.isEmpty, "left behind: \(survivors)")
    }

    @Test func aTargetDoesNotOutliveAnOrdealKilledWithSIGKILL() async throws {
        let workspace = try Workspace()
        let port = try RefusingPort.free()
        let marker = "ordeal-orphan-\(UUID().uuidString.prefix(8))"
        try workspace.write(
            "target.yaml",
            """
            name: listener
            url: http://127.0.0.1:\(port)
            processes:
              - name: listener
                command: order-service
                arguments: [--port, "\(port)", --database, "\(workspace.path(marker + ".sqlite"))"]
                ready: { tcp: "127.0.0.1:\(port)", deadline: 10s }
            """
        )
        let scenario = try workspace.write(
            "scenario.yaml",
            Self.scenario(load: "{ name: long, vus: 1, duration: 60s }", slo: "  - p99 < 1s")
        )
        let run = try ChildProcess("ordeal", ["run", scenario, "--out", workspace.path("out")])
        defer { run.terminate() }
        func survivors() throws -> [String] { try ProcessTable.pids(withCommandLineContaining: marker) }
        let started = ContinuousClock.now
        while try survivors().isEmpty, ContinuousClock.now - started < .seconds(90) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try !survivors().isEmpty, "the target started")
        kill(run.process.processIdentifier, SIGKILL)
        let killed = ContinuousClock.now
        while try !survivors().isEmpty, ContinuousClock.now - killed < .seconds(10) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let left = try survivors()
        #expect(left.isEmpty, "the lifeline guard stopped the target")
        for pid in left.compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
    }

    @Test func ctrlCMidRunStillWritesTheReport() async throws {
        let workspace = try Workspace()
        _ = try Self.orderServiceTarget(in: workspace)
        let scenario = try workspace.write(
            "scenario.yaml",
            Self.scenario(load: "{ name: long, arrival-rate: 20/s, duration: 10m }", slo: "  - p99 < 5s")
        )
        let run = try ChildProcess("ordeal", ["run", scenario, "--out", workspace.path("out")])
        defer { run.terminate() }
        // Interrupt 2 s into the load, from the thread that read the line: a busy machine can take seconds to start
        // the target, and a busy concurrency pool seconds to resume this test.
        let pid = run.process.processIdentifier
        _ = try await run.waitForLine(containing: "target ready", inErrors: true, timeout: .seconds(90)) {
            Thread.sleep(forTimeInterval: 2)
            kill(pid, SIGINT)
        }
        let deadline = ContinuousClock.now + .seconds(120)
        while run.process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!run.process.isRunning)
        let report = try Self.report(workspace, "out")
        let requests = try #require((report["overall"] as? [String: Any])?["requests"] as? Int)
        #expect(requests > 0 && requests < 20 * 600)
        let stopped = (report["run"] as? [String: Any])?["stopped"] as? [String: Any]
        #expect(stopped?["reason"] as? String == "interrupted", "\(String(describing: stopped))")
    }
}
