import Basics
import FaultInjector
import Foundation
import Harness
import Scenarios
import TestSupport
import Testing

/// Process faults from the timeline on real processes the session started: pause, kill with and without restart,
/// signals, and a process that died on its own before its fault.
@Suite(.timeLimit(.minutes(2))) struct ProcessFaultTests {
    let logs = FileManager.default.temporaryDirectory.appendingPathComponent("ordeal-faults-\(UUID().uuidString)")

    /// The folder of this build's executables: the test binary's own.
    static var binaries: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// A session running the fake payments gateway (a real HTTP server with /health) under the name "gateway".
    func gateway() async throws -> (session: TargetSession, port: Int) {
        let port = try RefusingPort.free()
        let process = TargetProcess(
            name: "gateway",
            command: "order-service",
            arguments: ["payments", "--port", "\(port)"],
            readiness: Readiness(probe: .http("http://127.0.0.1:\(port)/health"), deadline: .seconds(60))
        )
        let target = Target(name: "t", baseURL: BaseURL(host: "127.0.0.1", port: port), processes: [process])
        let session = try await TargetSession.start(target, logDirectory: logs, searchPath: [Self.binaries])
        return (session, port)
    }

    /// The kernel's state letter for a process (`T` when stopped), from /proc/PID/stat.
    static func state(_ pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(close, offsetBy: 2)]
    }

    static func healthy(_ port: Int) async -> Bool {
        (try? await ReadinessCheck.http(host: "127.0.0.1", port: port, path: "/health").attempt()) != nil
    }

    @Test func pauseStopsTheProcessForTheWindowAndResumesIt() async throws {
        let (session, port) = try await gateway()
        let pid = try #require(session.processes.first?.pid)
        let timeline = FaultTimeline(
            faults: [ScheduledFault(offset: .zero, duration: .seconds(1), action: .process(name: "gateway", .pause))],
            registry: session.proxies,
            processes: session
        )
        let run = Task { try await timeline.run() }
        // Watched from a thread of its own, so a busy pool cannot make the watcher miss the window.
        let seenStopped = await OwnThread.run {
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                if Self.state(pid) == "T" { return true }
                usleep(5_000)
            }
            return false
        }
        #expect(seenStopped, "stopped during the window")
        try await run.value
        #expect(Self.state(pid) != "T", "running again after it")
        #expect(await Self.healthy(port))
        let window = try #require(timeline.windows(endingAt: .seconds(999)).first)
        #expect(window.description == "gateway paused")
        #expect(window.end - window.start >= 1 && window.end - window.start < 30)
        #expect(window.error == nil)
        await session.stop()
        #expect(session.processes.allSatisfy { !$0.isRunning })
    }

    @Test func killWithoutRestartLeavesItDownToTheEnd() async throws {
        let (session, port) = try await gateway()
        let process = try #require(session.processes.first)
        let timeline = FaultTimeline(
            faults: [
                ScheduledFault(
                    offset: .zero,
                    duration: nil,
                    action: .process(name: "gateway", .kill(restartAfter: nil))
                )
            ],
            registry: session.proxies,
            processes: session
        )
        try await timeline.run()
        #expect(process.exitStatus == 128 + SIGKILL)
        #expect(await !Self.healthy(port))
        let window = try #require(timeline.windows(endingAt: .seconds(999)).first)
        #expect(window.wasApplied && window.end == 999, "open to the end of the run")
        #expect(window.ready == nil && window.error == nil)
        await session.stop()
    }

    @Test func killWithRestartStartsTheSameLaunchAndWaitsForReadiness() async throws {
        let (session, port) = try await gateway()
        let first = try #require(session.processes.first)
        let timeline = FaultTimeline(
            faults: [
                ScheduledFault(
                    offset: .milliseconds(100),
                    duration: nil,
                    action: .process(name: "gateway", .kill(restartAfter: .milliseconds(500)))
                )
            ],
            registry: session.proxies,
            processes: session
        )
        try await timeline.run()
        let window = try #require(timeline.windows(endingAt: .seconds(999)).first)
        #expect(window.error == nil, "\(window.error ?? "")")
        let ready = try #require(window.ready)
        #expect(window.end == ready, "the window lasts until the process is ready again")
        #expect(ready - window.start >= 0.5)
        #expect(first.exitStatus == 128 + SIGKILL)
        let second = try #require(session.processes.first)
        #expect(second.pid != first.pid && second.isRunning)
        #expect(second.launch == first.launch && second.logFile == first.logFile)
        #expect(await Self.healthy(port), "ready again: the timeline waited for it")
        // Both lives wrote to the one log, the second appended after the first.
        let log = try String(contentsOf: second.logFile, encoding: .utf8)
        #expect(log.components(separatedBy: "payments listening").count - 1 == 2, "\(log)")
        await session.stop()
        #expect(!second.isRunning, "the session owns the restarted process and stopped it")
    }

    @Test func signalSendsOne() async throws {
        let (session, _) = try await gateway()
        let process = try #require(session.processes.first)
        let timeline = FaultTimeline(
            faults: [ScheduledFault(offset: .zero, duration: nil, action: .process(name: "gateway", .signal(.term)))],
            registry: session.proxies,
            processes: session
        )
        try await timeline.run()
        let window = try #require(timeline.windows(endingAt: .seconds(999)).first)
        #expect(window.description == "SIGTERM to gateway")
        #expect(window.wasApplied && window.start == window.end, "a window of no length")
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        // The service drains and exits on SIGTERM: it ends, and not by SIGKILL.
        #expect(!process.isRunning && process.exitStatus != 128 + SIGKILL)
        await session.stop()
    }

    @Test func aProcessThatDiedOnItsOwnIsTheWindowsErrorNotACrash() async throws {
        let process = TargetProcess(name: "brief", command: "sh", arguments: ["-c", "exit 3"])
        let target = Target(name: "t", baseURL: BaseURL(host: "127.0.0.1", port: 9), processes: [process])
        let session = try await TargetSession.start(target, logDirectory: logs)
        let started = try #require(session.processes.first)
        while started.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        let timeline = FaultTimeline(
            faults: [
                ScheduledFault(offset: .zero, duration: .milliseconds(50), action: .process(name: "brief", .pause)),
                ScheduledFault(
                    offset: .zero,
                    duration: nil,
                    action: .process(name: "brief", .kill(restartAfter: .seconds(1)))
                ),
                ScheduledFault(offset: .zero, duration: nil, action: .process(name: "ghost", .signal(.hup))),
            ],
            registry: session.proxies,
            processes: session
        )
        try await timeline.run()
        let windows = timeline.windows(endingAt: .seconds(999))
        #expect(!windows[0].wasApplied && windows[0].error?.contains("already exited (status 3)") == true)
        #expect(!windows[1].wasApplied && windows[1].error?.contains("already exited") == true)
        #expect(windows[2].error?.contains("no process \"ghost\"") == true)
        await session.stop()
    }
}
