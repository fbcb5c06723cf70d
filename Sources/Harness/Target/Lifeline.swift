import Foundation

/// Stops a target's process group even when `ordeal` itself is killed with SIGKILL and cannot clean up.
///
/// A small guard (`/bin/sh`, in a group of its own so terminal signals miss it) reads from a pipe whose only
/// writer is this process. Whenever this process ends, however it ends, the kernel closes the write end; the
/// guard's read sees end-of-file and it stops the target's group with SIGTERM, then SIGKILL two seconds later.
/// A normal stop cuts the guard first (`disarm`), so it never signals a group whose id may have been reused.
struct Lifeline: Sendable {
    /// The guard's pid.
    let guardPID: pid_t
    /// The write end this process holds; close-on-exec, so no other child inherits it.
    let writeEnd: Int32

    /// Starts a guard for the process group `group`.
    static func guarding(group: pid_t) throws(Spawn.Failure) -> Lifeline {
        var ends: [Int32] = [0, 0]
        // Glibc's pipe2 is not visible to Swift; marking both ends right after leaves a moment in which a
        // process spawned on another thread could inherit them, which would only delay this guard.
        guard pipe(&ends) == 0 else {
            throw Spawn.Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[0]) }
        let script = "read -r _ ; kill -TERM -\(group) 2>/dev/null; sleep 2; kill -KILL -\(group) 2>/dev/null"
        do {
            let pid = try Spawn.start(
                executable: "/bin/sh",
                arguments: ["-c", script],
                environment: ["PATH": "/usr/bin:/bin"],
                workingDirectory: nil,
                logPath: "/dev/null",
                standardInput: ends[0]
            )
            return Lifeline(guardPID: pid, writeEnd: ends[1])
        } catch {
            close(ends[1])
            throw error
        }
    }

    /// Ends the guard without letting it signal anything, and reaps it.
    func disarm() {
        kill(guardPID, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(guardPID, &status, 0)
        close(writeEnd)
    }
}
