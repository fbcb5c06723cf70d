import Foundation

/// A child process whose output goes to a file, not a pipe: a pipe's write end can be inherited by any process a
/// parallel test spawns at the same moment, and a read to its end then never returns. Waiting polls, so no thread
/// of the concurrency pool ever blocks.
final class LoggedProcess: Sendable {
    let process: Process
    /// Standard output and standard error, together.
    let logPath: String

    /// Starts `executable` (an absolute path, or a package executable by name) with `environment` added to this
    /// process's own.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], log: String) throws {
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? handle.close() }
        process = Process()
        process.executableURL =
            executable.hasPrefix("/")
            ? URL(fileURLWithPath: executable) : ChildProcess.binaries.appendingPathComponent(executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        logPath = log
        try process.run()
    }

    /// What the process wrote so far.
    var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits for the process to exit, at most `timeout`, and returns its exit status (a signal's number when a signal
    /// ended it); throws after the timeout, having killed it.
    func exitStatus(timeout: Duration = .seconds(90)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw LoggedProcessError(description: "\(process.executableURL?.path ?? "?") did not exit: \(output)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// SIGTERM, then SIGKILL after 5 s; never blocks a thread.
    func stop() async {
        guard process.isRunning else { return }
        process.terminate()
        if (try? await exitStatus(timeout: .seconds(5))) == nil { kill(process.processIdentifier, SIGKILL) }
    }

    /// For `defer`, which cannot await: signals without waiting.
    func stopLater() {
        let process = self.process
        guard process.isRunning else { return }
        process.terminate()
        Task {
            try? await Task.sleep(for: .seconds(5))
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }
}

struct LoggedProcessError: Error, CustomStringConvertible {
    let description: String
}
