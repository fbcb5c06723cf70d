import Foundation
import Synchronization

/// A process of the system under test that the harness started, and will always stop.
///
/// Its standard output and error go to a log file next to the report, so a target that fails to start can be
/// diagnosed. It runs in a process group of its own; the harness stops the whole group with SIGTERM, then SIGKILL
/// after a grace period, on success, failure or Ctrl-C, and a `Lifeline` stops it if `ordeal` is killed outright.
public final class StartedProcess: Sendable {
    /// The name the target file gave the process.
    public let name: String
    /// The log file its output goes to.
    public let logFile: URL
    /// The process id, which is also its process group id.
    public let pid: Int32
    /// What was started, so a restart can start exactly the same again.
    public let launch: Launch
    private let status = Mutex<Int32?>(nil)
    /// Set by the first `stop` or `killNow`: the group is gone, and its id must not be signalled again.
    private let ended = Mutex(false)
    /// Taken out (and disarmed) by the first `stop`, so a second stop cannot signal a reused pid.
    private let lifeline: Mutex<Lifeline?>

    /// What to start.
    public struct Launch: Sendable, Equatable {
        public var name: String
        public var command: String
        public var arguments: [String]
        public var environment: [String: String]
        public var workingDirectory: String?

        public init(
            name: String,
            command: String,
            arguments: [String] = [],
            environment: [String: String] = [:],
            workingDirectory: String? = nil
        ) {
            self.name = name
            self.command = command
            self.arguments = arguments
            self.environment = environment
            self.workingDirectory = workingDirectory
        }
    }

    /// Why a process could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public let name: String
        public let reason: String
        public var description: String { "cannot start target process \"\(name)\": \(reason)" }
    }

    /// Starts the process; a bare command name is looked up on PATH, a relative path against the working directory.
    public init(_ launch: Launch, logDirectory: URL) throws(Failure) {
        name = launch.name
        self.launch = launch
        logFile = logDirectory.appendingPathComponent("\(launch.name).log")
        guard
            let executable = Self.resolve(launch.command, in: launch.workingDirectory, path: launch.environment["PATH"])
        else {
            throw Failure(name: launch.name, reason: "no executable \"\(launch.command)\" (looked in PATH)")
        }
        do {
            try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
            pid = try Spawn.start(
                executable: executable.path,
                arguments: launch.arguments,
                environment: ProcessInfo.processInfo.environment.merging(launch.environment) { $1 },
                workingDirectory: launch.workingDirectory,
                logPath: logFile.path
            )
        } catch {
            throw Failure(name: launch.name, reason: "\(error)")
        }
        // Without a guard only a killed ordeal could leave the target behind; that is no reason to fail the run.
        lifeline = Mutex(try? Lifeline.guarding(group: pid))
    }

    /// How the process ended (its exit code, or 128 + the signal), if it has.
    public var exitStatus: Int32? {
        status.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    let signal = raw & 0x7f
                    status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
                }
            }
            return status
        }
    }

    public var isRunning: Bool { exitStatus == nil }

    /// The last lines the process wrote, for error messages.
    public func logTail(lines: Int = 20) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// Sends `signal` to the whole process group; false when the process has already been stopped or killed.
    @discardableResult
    public func signalGroup(_ signal: Int32) -> Bool {
        ended.withLock { ended in
            guard !ended else { return false }
            return kill(-pid, signal) == 0
        }
    }

    /// Kills the process group at once (SIGKILL, no grace) and waits until the process has exited.
    public func killNow() async {
        guard signalGroup(SIGKILL) || isRunning else { return }
        await finish()
    }

    /// Asks the process group to stop (SIGTERM), and kills it (SIGKILL) if the process has not exited after `grace`.
    public func stop(grace: Duration = .seconds(5)) async {
        if ended.withLock({ $0 }) { return }
        if isRunning {
            kill(-pid, SIGTERM)
            // A paused (SIGSTOPped) group holds the SIGTERM until it runs again.
            kill(-pid, SIGCONT)
            let deadline = ContinuousClock.now + grace
            while isRunning && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        await finish()
    }

    /// Kills what is left of the group, reaps the process, disarms the lifeline and marks the group as gone.
    private func finish() async {
        // Also when the leader has exited: whatever it left behind in its group goes too.
        kill(-pid, SIGKILL)
        while isRunning { try? await Task.sleep(for: .milliseconds(5)) }
        ended.withLock { $0 = true }
        lifeline.withLock { lifeline in
            lifeline?.disarm()
            lifeline = nil
        }
    }

    private static func resolve(_ command: String, in directory: String?, path: String?) -> URL? {
        let manager = FileManager.default
        if command.contains("/") {
            let base = URL(fileURLWithPath: directory ?? manager.currentDirectoryPath)
            let url = command.hasPrefix("/") ? URL(fileURLWithPath: command) : base.appendingPathComponent(command)
            return manager.isExecutableFile(atPath: url.path) ? url : nil
        }
        let path = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(command)
            if manager.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}
