import Basics

/// What a process fault does to a process the target started.
public enum ProcessFault: Sendable, Equatable {
    /// SIGSTOP at the start of the window, SIGCONT at its end: the process is frozen, its sockets stay open.
    case pause
    /// SIGKILL; started again with the same launch after `restartAfter` (and awaited until ready), or left down.
    case kill(restartAfter: Duration?)
    /// One signal, sent once.
    case signal(ProcessSignal)
}

/// The processes a run started, as the fault timeline sees them: by the name the target file gave each.
///
/// FaultInjector starts no processes; the harness owns them and implements this over its session, so a restarted
/// process is still stopped at the end of the run.
public protocol ProcessFaultTarget: Sendable {
    /// Freezes the process (SIGSTOP to its process group).
    func pause(process: String) async throws(ProcessFaultError)
    /// Thaws a paused process (SIGCONT to its process group).
    func resume(process: String) async throws(ProcessFaultError)
    /// Kills the process group (SIGKILL) and waits until it is gone.
    func kill(process: String) async throws(ProcessFaultError)
    /// Sends one signal to the process group.
    func signal(_ signal: ProcessSignal, process: String) async throws(ProcessFaultError)
    /// Starts a killed process again with its original launch and returns once its readiness check passes.
    func restart(process: String) async throws(ProcessFaultError)
}

/// Why a process fault could not act: no such process, it had already exited, or it did not come back.
public struct ProcessFaultError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
