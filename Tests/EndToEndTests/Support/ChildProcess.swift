import Foundation

/// A real executable of this package, started by a test and always terminated by it.
final class ChildProcess: Sendable {
    let process: Process
    private let output: Pipe
    private let errors: Pipe

    /// The folder that holds the package's built executables: the one the test binary itself was built into.
    static var binaries: URL {
        if let override = ProcessInfo.processInfo.environment["ORDEAL_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testBinary.deletingLastPathComponent()
    }

    /// Starts `name` with `arguments`; `environment` is added to this process's own.
    init(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        // A package executable by name, or any program by absolute path (chromium).
        process.executableURL =
            name.hasPrefix("/") ? URL(fileURLWithPath: name) : Self.binaries.appendingPathComponent(name)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        output = Pipe()
        errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Runs an executable to completion (at most `timeout`) and returns its exit status and both outputs.
    static func run(_ name: String, _ arguments: [String], timeout: Duration = .seconds(30)) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let child = try ChildProcess(name, arguments)
        defer { child.terminate() }
        let deadline = ContinuousClock.now + timeout
        while child.process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard !child.process.isRunning else { throw ChildProcessError.timedOut(name, arguments) }
        let out = String(decoding: child.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: child.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (child.process.terminationStatus, out, err)
    }

    /// Reads standard output (or standard error) until a line contains `marker`, giving up after `timeout`;
    /// returns that line. `then` runs on the reading thread the moment the line is read, so a signal it sends is
    /// on time however busy the concurrency pool is.
    func waitForLine(
        containing marker: String,
        inErrors: Bool = false,
        timeout: Duration = .seconds(30),
        then action: @escaping @Sendable () -> Void = {}
    ) async throws -> String {
        let handle = (inErrors ? errors : output).fileHandleForReading
        // Blocking reads run on a thread of their own, never on the concurrency pool's few threads.
        let reader = Task {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                Thread.detachNewThread {
                    var buffer = Data()
                    while true {
                        let chunk = handle.availableData
                        if chunk.isEmpty { return continuation.resume(returning: nil) }
                        buffer.append(chunk)
                        let text = String(decoding: buffer, as: UTF8.self)
                        if let line = text.split(separator: "\n").first(where: { $0.contains(marker) }) {
                            action()
                            return continuation.resume(returning: String(line))
                        }
                    }
                }
            }
        }
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            self.terminate()
        }
        defer { watchdog.cancel() }
        guard let line = await reader.value else { throw ChildProcessError.noSuchLine(marker) }
        return line
    }

    /// What is left to read of standard output (or standard error), once the process has exited.
    func remainingOutput(inErrors: Bool = false) -> String {
        String(decoding: (inErrors ? errors : output).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    func terminate() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { terminate() }
}

enum ChildProcessError: Error {
    case timedOut(String, [String])
    case noSuchLine(String)
}
