import Foundation

/// Starts a child process with posix_spawn in a process group of its own, with default signal handling.
///
/// Foundation's `Process` passes on the parent's ignored and blocked signals (a test runner may ignore SIGTERM) and
/// cannot reach grandchildren (a `sh -c` wrapper's children). A group of its own lets the harness signal the whole
/// tree, so nothing it started outlives the run.
enum Spawn {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Spawns `executable` with `arguments`, output appended to `logPath`, input from `standardInput` (a file
    /// descriptor) or /dev/null; returns the pid (also the group id).
    static func start(
        executable: String,
        arguments: [String],
        environment: [String: String],
        workingDirectory: String?,
        logPath: String,
        standardInput: Int32? = nil
    ) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        if let standardInput {
            posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        )

        // Glibc's addchdir_np is not visible to Swift, so a working directory goes through a tiny sh wrapper.
        var program = executable
        var words = [executable] + arguments
        if let workingDirectory {
            program = "/bin/sh"
            words = ["sh", "-c", "cd \"$0\" && exec \"$@\"", workingDirectory] + words
        }
        let argv = words.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard result == 0 else { throw Failure(description: String(cString: strerror(result))) }
        return pid
    }
}
