import Foundation
import Harness
import Testing

@Suite struct StartedProcessTests {
    let logs = FileManager.default.temporaryDirectory.appendingPathComponent("ordeal-started-\(UUID().uuidString)")

    @Test func capturesOutputAndStopsGracefully() async throws {
        let launch = StartedProcess.Launch(
            name: "greeter",
            command: "sh",
            arguments: ["-c", "echo hello $GREETING; exec sleep 600"],
            environment: ["GREETING": "world"]
        )
        // The process outlives any stall of the test's threads (other suites' CPU-heavy work has held both for 30 s);
        // stopping it is what ends it.
        let process = try StartedProcess(launch, logDirectory: logs)
        let deadline = ContinuousClock.now + .seconds(120)
        while !process.logTail().contains("hello world"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(process.isRunning)
        #expect(process.logTail().contains("hello world"))
        // A long grace: the exit status, not a clock, proves that SIGTERM was enough.
        await process.stop(grace: .seconds(60))
        #expect(!process.isRunning)
        #expect(process.exitStatus == 128 + SIGTERM)
    }

    @Test func stoppingLeavesNoGrandchildBehind() async throws {
        let marker = "ordeal-grandchild-\(UUID().uuidString.prefix(8))"
        let launch = StartedProcess.Launch(
            name: "parent",
            command: "sh",
            arguments: ["-c", "sh -c 'exec -a \(marker) sleep 60' & wait"]
        )
        let process = try StartedProcess(launch, logDirectory: logs)
        try await Task.sleep(for: .milliseconds(300))
        await process.stop(grace: .seconds(2))
        try await Task.sleep(for: .milliseconds(100))
        let survivors = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            guard Int(entry) != nil else { return false }
            let command = (try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8)) ?? ""
            return command.contains(marker)
        }
        #expect(survivors.isEmpty, "left behind: \(survivors)")
    }

    @Test func aProcessThatIgnoresSIGTERMIsKilledAfterTheGrace() async throws {
        let launch = StartedProcess.Launch(
            name: "stubborn",
            command: "sh",
            arguments: ["-c", "trap '' TERM; echo trapped; sleep 600 & wait"]
        )
        let process = try StartedProcess(launch, logDirectory: logs)
        // Signal only once the trap is set: before that, SIGTERM would still stop the shell.
        let deadline = ContinuousClock.now + .seconds(60)
        while !process.logTail().contains("trapped"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let start = ContinuousClock.now
        await process.stop(grace: .milliseconds(300))
        #expect(!process.isRunning)
        #expect(process.exitStatus == 128 + SIGKILL)
        #expect(ContinuousClock.now - start < .seconds(120))
    }

    @Test func runsInTheWorkingDirectoryItIsGiven() async throws {
        let launch = StartedProcess.Launch(
            name: "pwd",
            command: "sh",
            arguments: ["-c", "pwd"],
            workingDirectory: "/tmp"
        )
        let process = try StartedProcess(launch, logDirectory: logs)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        #expect(process.exitStatus == 0)
        #expect(process.logTail().hasPrefix("/tmp"))
    }

    @Test func anUnknownCommandIsAClearError() {
        let launch = StartedProcess.Launch(name: "ghost", command: "no-such-command-anywhere")
        #expect {
            try StartedProcess(launch, logDirectory: logs)
        } throws: { error in
            "\(error)".contains("ghost") && "\(error)".contains("no-such-command-anywhere")
        }
    }
}
