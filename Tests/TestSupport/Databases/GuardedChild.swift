import Foundation

/// A server process for tests that cannot outlive the test process: a `/bin/sh` guard starts it in the background,
/// then reads a pipe only this process writes to. When ``stop()`` closes the pipe, or the test process ends however
/// it ends, the read returns and the guard stops the server (`stopSignal`), waits for it and runs `cleanup`.
public final class GuardedChild: Sendable {
    private let process: Process
    private let lifeline: FileHandle

    /// Starts `command` (a shell command line, exec'd by the guard's background job), output to `logPath`.
    public init(command: String, stopSignal: String = "TERM", cleanup: String = ":", logPath: String) throws {
        let script = """
            \(command) >>"$0" 2>&1 &
            pid=$!
            read -r _
            kill -\(stopSignal) "$pid" 2>/dev/null
            wait "$pid"
            \(cleanup)
            """
        let pipe = Pipe()
        // Close-on-exec: no other child of this process may hold the write end and keep the server alive.
        _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        process = Process()
        // Foundation's Process hands on this process's blocked and ignored signals (the test runner blocks
        // nearly all), and a server started with SIGTERM blocked never stops: perl (Debian's perl-base is
        // essential) clears the mask and the dispositions, then execs the guard.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
        process.arguments = [
            "-MPOSIX", "-e",
            "sigprocmask(SIG_SETMASK, POSIX::SigSet->new); $SIG{$_} = 'DEFAULT' for keys %SIG; exec @ARGV or die",
            "--", "/bin/sh", "-c", script, logPath,
        ]
        process.standardInput = pipe.fileHandleForReading
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        lifeline = pipe.fileHandleForWriting
        try? pipe.fileHandleForReading.close()
    }

    /// Stops the server and waits (on a thread of its own) until the guard has cleaned up.
    public func stop() async {
        try? lifeline.close()
        let process = self.process
        await OwnThread.run { process.waitUntilExit() }
    }
}

/// Finds server binaries and the user to run them as.
public enum ServerBinaries {
    /// The first of `candidates` that is an executable file, else nil.
    public static func find(_ candidates: [String]) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// PostgreSQL's server programs folder (`/usr/lib/postgresql/<version>/bin`, newest first), nil when absent.
    public static var postgresBin: String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }

    /// The prefix that runs a command as a non-root user when this process is root (PostgreSQL refuses root).
    public static var dropRoot: String {
        guard getuid() == 0 else { return "" }
        return "setpriv --reuid=\(serviceUser) --regid=\(serviceUser) --clear-groups "
    }

    /// The account servers run as when this process is root: `postgres` (Debian's package makes it) or `nobody`.
    public static var serviceUser: String {
        getpwnam("postgres") != nil ? "postgres" : "nobody"
    }

    /// Hands `path` to ``serviceUser`` when this process is root.
    public static func giveToServiceUser(_ path: String) throws {
        guard getuid() == 0, let user = getpwnam(serviceUser) else { return }
        guard chown(path, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
