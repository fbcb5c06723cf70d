import Basics
import FaultInjector
import Foundation
import LoadGenerator
import Scenarios
import Synchronization

/// The system under test while a run lasts: its fault proxies listening, its processes started in order and ready.
///
/// ```
/// start:  proxies listen ─▶ process 1 ─ready?─▶ process 2 ─ready?─▶ … ─▶ (load)
/// stop:   proxies close ◀─ process n ◀─ … ◀─ process 1        (reverse order, also after a failure)
/// ```
/// The proxies listen first so that a process can reach an earlier one through its proxy while it starts (an
/// instance migrating its database through the `db` proxy); until its upstream listens, a proxy's connections
/// close at once, as a dead upstream's would.
/// It is also the fault timeline's ``ProcessFaultTarget``: a process killed and restarted by a fault is started
/// again from its exact launch and replaces the old one here, so `stop` still ends it.
public final class TargetSession: Sendable {
    /// The processes running now (a restarted process replaces the one it stands for), in start order.
    public var processes: [StartedProcess] { slots.withLock { $0.map(\.process) } }
    public let proxies: ProxyRegistry
    /// The target's Prometheus metrics URLs, scraped while the run lasts.
    public let metricsURLs: [String]
    /// How the harness's own HTTPS requests to the target (readiness, metrics) are secured.
    public let tls: TLSSettings
    private let slots: Mutex<[Slot]>

    /// One process of the target: the one running now, and how to know it is ready.
    struct Slot: Sendable {
        var process: StartedProcess
        let readiness: ReadinessWait?
    }

    /// A readiness check and how long it may take.
    struct ReadinessWait: Sendable {
        let check: ReadinessCheck
        let deadline: Duration
    }

    private init(slots: [Slot], proxies: ProxyRegistry, metricsURLs: [String] = [], tls: TLSSettings) {
        self.tls = tls
        self.slots = Mutex(slots)
        self.proxies = proxies
        self.metricsURLs = metricsURLs
    }

    /// Why the target could not be brought up; everything started before the failure has been stopped again.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts the proxies of `target`, then every process, waiting for each to be ready.
    ///
    /// - Parameters:
    ///   - logDirectory: where each process's output goes (`<name>.log`), kept for diagnosis.
    ///   - searchPath: folders put in front of PATH, so the package's own executables are found first.
    public static func start(_ target: Target, logDirectory: URL, searchPath: [String] = []) async throws(Failure)
        -> TargetSession
    {
        var started: [Slot] = []
        let proxies = ProxyRegistry()
        let tls = target.tls ?? TLSSettings()
        do {
            for proxy in target.proxies {
                try await proxies.create(
                    ProxyConfiguration(
                        name: proxy.name,
                        listen: proxy.listen,
                        upstream: proxy.upstream,
                        protocol: proxy.protocol == .http ? .http : .tcp
                    )
                )
            }
            for process in target.processes {
                started.append(try await launch(process, logDirectory: logDirectory, searchPath: searchPath, tls: tls))
            }
        } catch {
            await TargetSession(slots: started, proxies: proxies, tls: tls).stop()
            throw Failure(description: "\(error)")
        }
        return TargetSession(slots: started, proxies: proxies, metricsURLs: target.metrics, tls: tls)
    }

    /// Closes the proxies, then stops the processes in reverse order.
    public func stop() async {
        await proxies.shutdown()
        for process in processes.reversed() { await process.stop() }
    }

    private static func launch(
        _ process: Scenarios.TargetProcess,
        logDirectory: URL,
        searchPath: [String],
        tls: TLSSettings
    ) async throws -> Slot {
        var environment = process.environment
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        environment["PATH"] = (searchPath + [path]).joined(separator: ":")
        let launch = StartedProcess.Launch(
            name: process.name,
            command: process.command,
            arguments: process.arguments,
            environment: environment,
            workingDirectory: process.workingDirectory
        )
        let started = try StartedProcess(launch, logDirectory: logDirectory)
        guard let readiness = process.readiness else { return Slot(process: started, readiness: nil) }
        do {
            let check = try ReadinessCheck(readiness.probe, process: process.name, tls: tls)
            let slot = Slot(process: started, readiness: ReadinessWait(check: check, deadline: readiness.deadline))
            try await slot.waitUntilReady()
            return slot
        } catch {
            await started.stop()
            let log = started.logTail(lines: 15)
            throw Failure(
                description: "target process \"\(process.name)\" is \(error)"
                    + (log.isEmpty ? "" : "\nlast lines of \(started.logFile.path):\n\(log)")
            )
        }
    }
}

extension TargetSession.Slot {
    /// Waits for the process's readiness check (at once when it has none); ends early if the process exits.
    func waitUntilReady() async throws {
        guard let readiness else { return }
        let process = self.process
        try await readiness.check.wait(deadline: readiness.deadline) {
            process.exitStatus.map { "process \"\(process.name)\" exited with status \($0)" }
        }
    }
}

extension TargetSession: ProcessFaultTarget {
    public func pause(process name: String) async throws(ProcessFaultError) {
        try signal(SIGSTOP, to: running(name))
    }

    public func resume(process name: String) async throws(ProcessFaultError) {
        // A paused process cannot exit on its own, but it can be killed from outside while paused.
        try signal(SIGCONT, to: running(name))
    }

    public func kill(process name: String) async throws(ProcessFaultError) {
        try await running(name).killNow()
    }

    public func signal(_ signal: ProcessSignal, process name: String) async throws(ProcessFaultError) {
        try self.signal(signal.number, to: running(name))
    }

    public func restart(process name: String) async throws(ProcessFaultError) {
        let old = try slot(name)
        guard !old.process.isRunning else {
            throw ProcessFaultError("process \"\(name)\" is still running; only a killed process is restarted")
        }
        let fresh: StartedProcess
        do {
            fresh = try StartedProcess(
                old.process.launch,
                logDirectory: old.process.logFile.deletingLastPathComponent()
            )
        } catch {
            throw ProcessFaultError("process \"\(name)\" could not be restarted: \(error.reason)")
        }
        // Owned by the session from its first instant, so a run that ends during its readiness wait still stops it.
        let slot = TargetSession.Slot(process: fresh, readiness: old.readiness)
        slots.withLock { slots in
            if let index = slots.firstIndex(where: { $0.process.name == name }) { slots[index] = slot }
        }
        do {
            try await slot.waitUntilReady()
        } catch {
            throw ProcessFaultError("process \"\(name)\" was restarted but is \(error)")
        }
    }

    private func slot(_ name: String) throws(ProcessFaultError) -> Slot {
        guard let slot = slots.withLock({ $0.first { $0.process.name == name } }) else {
            let known = processes.map(\.name).joined(separator: ", ")
            throw ProcessFaultError(
                "no process \"\(name)\" in this target (it starts \(known.isEmpty ? "none" : known))"
            )
        }
        return slot
    }

    /// The named process, if it is still running; one that exited on its own is the fault's error, never a crash.
    private func running(_ name: String) throws(ProcessFaultError) -> StartedProcess {
        let process = try slot(name).process
        if let status = process.exitStatus {
            throw ProcessFaultError("process \"\(name)\" had already exited (status \(status)) before its fault")
        }
        return process
    }

    private func signal(_ number: Int32, to process: StartedProcess) throws(ProcessFaultError) {
        guard process.signalGroup(number) else {
            throw ProcessFaultError("process \"\(process.name)\" could not be signalled: it has ended")
        }
    }
}
