import FaultInjector
import Foundation
import LoadGenerator
import Scenarios

/// The system under test while a run lasts: its processes started in order and ready, its fault proxies listening.
///
/// ```
/// start:  process 1 ─ready?─▶ process 2 ─ready?─▶ … ─▶ proxies listen ─▶ (load)
/// stop:   proxies close ◀─ process n ◀─ … ◀─ process 1        (reverse order, also after a failure)
/// ```
public final class TargetSession: Sendable {
    public let processes: [StartedProcess]
    public let proxies: ProxyRegistry
    /// The target's Prometheus metrics URLs, scraped while the run lasts.
    public let metricsURLs: [String]
    /// How the harness's own HTTPS requests to the target (readiness, metrics) are secured.
    public let tls: TLSSettings

    private init(processes: [StartedProcess], proxies: ProxyRegistry, metricsURLs: [String] = [], tls: TLSSettings) {
        self.tls = tls
        self.processes = processes
        self.proxies = proxies
        self.metricsURLs = metricsURLs
    }

    /// Why the target could not be brought up; everything started before the failure has been stopped again.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts every process of `target` and waits for each to be ready, then starts its proxies.
    ///
    /// - Parameters:
    ///   - logDirectory: where each process's output goes (`<name>.log`), kept for diagnosis.
    ///   - searchPath: folders put in front of PATH, so the package's own executables are found first.
    public static func start(_ target: Target, logDirectory: URL, searchPath: [String] = []) async throws(Failure)
        -> TargetSession
    {
        var started: [StartedProcess] = []
        let proxies = ProxyRegistry()
        let tls = target.tls ?? TLSSettings()
        do {
            for process in target.processes {
                started.append(try await launch(process, logDirectory: logDirectory, searchPath: searchPath, tls: tls))
            }
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
        } catch {
            await TargetSession(processes: started, proxies: proxies, tls: tls).stop()
            throw Failure(description: "\(error)")
        }
        return TargetSession(processes: started, proxies: proxies, metricsURLs: target.metrics, tls: tls)
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
    ) async throws -> StartedProcess {
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
        guard let readiness = process.readiness else { return started }
        do {
            let check = try ReadinessCheck(readiness.probe, process: process.name, tls: tls)
            try await check.wait(deadline: readiness.deadline) {
                started.exitStatus.map { "process \"\(process.name)\" exited with status \($0)" }
            }
        } catch {
            await started.stop()
            let log = started.logTail(lines: 15)
            throw Failure(
                description: "target process \"\(process.name)\" is \(error)"
                    + (log.isEmpty ? "" : "\nlast lines of \(started.logFile.path):\n\(log)")
            )
        }
        return started
    }
}
