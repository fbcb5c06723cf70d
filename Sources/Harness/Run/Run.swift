import FaultInjector
import Foundation
import LoadGenerator
import Profiler
import Scenarios
import Synchronization

/// One run, end to end: start the target, apply load and faults on time, sample the target, write the reports.
///
/// ```
/// load scenario ─▶ start target (processes, readiness, proxies) ─▶ ┌ generator (phases) ─ per second ─▶ accumulator
///                                                                  ├ fault timeline (apply / lift on time)
///                                                                  └ resource sampler (/proc, 1/s)
///           ◀── stop target (always) ◀── report.json / report.html / junit.xml / summary.md ◀── SLOs, baseline
/// ```
/// Cancelling the task (Ctrl-C) ends the load early; the faults are lifted, the target stopped, and what was measured
/// is still written.
public struct Run: Sendable {
    public let options: RunOptions

    public init(options: RunOptions) {
        self.options = options
    }

    /// Runs; `progress` receives a line per second of load and a few lines about the run's set-up.
    public func execute(progress: @escaping @Sendable (String) -> Void = { _ in }) async throws(RunFailure)
        -> RunOutcome
    {
        let prepared = try prepare()
        let target = prepared.target
        let baseline = try options.baselinePath.map(readBaseline)
        let folder = try outputFolder(named: prepared.name)

        progress(
            "starting target \(target.name) (\(target.processes.count) processes, \(target.proxies.count) proxies)"
        )
        let session: TargetSession
        do {
            session = try await TargetSession.start(
                target,
                logDirectory: folder.appendingPathComponent("logs"),
                searchPath: options.searchPath
            )
        } catch {
            throw RunFailure(.unavailable, error.description)
        }
        let plan: LoadPlan
        do {
            plan = try prepared.plan.secured(with: prepared.tls)
        } catch {
            await Task { await session.stop() }.value
            throw RunFailure(.invalidInput, error.description)
        }
        progress("target ready; load goes to \(target.baseURL)" + Self.describeTLS(plan))
        let measured = await measure(
            plan: plan,
            faults: prepared.faults,
            session: session,
            slos: prepared.slos,
            progress: progress
        )
        // A task of its own: after Ctrl-C this task is cancelled, and the grace period must still be waited out.
        await Task { await session.stop() }.value

        var report = measured.report(
            name: prepared.name,
            file: prepared.file,
            target: target,
            segment: options.segment,
            tls: plan.tls
        ).evaluating(prepared.slos)
        if !measured.targetMetrics.isEmpty { report.targetMetrics = measured.targetMetrics }
        if !prepared.rampingPhases.isEmpty {
            report.knee = KneeFinder.find(in: report, criteria: prepared.slos, rampingPhases: prepared.rampingPhases)
        }
        report.drift = DriftFinder.find(in: report)
        if let baseline { report.comparison = Comparator().compare(base: baseline, new: report) }
        let written = try ReportWriter.write(
            report,
            to: folder,
            junit: options.writeJUnit,
            markdown: options.writeMarkdown
        )
        let code = OrdealExitCode.verdict(
            sloFailed: !report.slosPassed,
            regressionFound: report.comparison?.regressed ?? false
        )
        return RunOutcome(
            exitCode: code,
            directory: folder.path,
            files: written,
            report: report,
            interrupted: measured.interrupted,
            aborted: measured.abortedBy
        )
    }

    /// How the load's connections are secured, for the start-up line: nothing for plain HTTP.
    static func describeTLS(_ plan: LoadPlan) -> String {
        guard let tls = plan.tls else { return "" }
        let offer = tls.offeredProtocols.joined(separator: ", ")
        return tls.isInsecure
            ? " over TLS WITHOUT certificate verification (insecure), offering \(offer)"
            : " over TLS, certificates verified, offering \(offer)"
    }

    /// Drives the generator, the fault timeline and the sampler together; the last two stop when the load ends.
    private func measure(
        plan: LoadPlan,
        faults: [ScheduledFault],
        session: TargetSession,
        slos: [SLOExpression],
        progress: @escaping @Sendable (String) -> Void
    ) async -> Measurement {
        let timeline = FaultTimeline(faults: faults, registry: session.proxies, processes: session)
        // Asked each second, so a process restarted by a fault is sampled under its new pid.
        let sampler = ResourceSampler { session.processes.map { ($0.name, $0.pid) } }
        let scraper = MetricsScraper(urls: session.metricsURLs, tls: session.tls)
        let recorder = LiveRecorder(requestNames: plan.requestNames, abortSLOs: slos.filter(\.abortOnFail))
        // One scrape just before the load and one just after it, so counters' increases span exactly the run.
        await scraper.scrapeOnce()
        let started = Date()
        let generator = Task {
            try await LoadGenerator(plan: plan).run { recording, summary in
                recorder.add(recording, startedAt: started)
                progress(ProgressLine.text(for: summary))
            }
        }
        let watcher = Task {
            while !Task.isCancelled, !recorder.shouldAbort { try? await Task.sleep(for: .milliseconds(100)) }
            if recorder.shouldAbort { generator.cancel() }
        }
        let result: RunResult? = await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await timeline.run() }
                group.addTask { try? await sampler.run() }
                group.addTask { try? await scraper.run() }
                let result = try? await generator.value
                group.cancelAll()
                return result
            }
        } onCancel: {
            generator.cancel()
        }
        watcher.cancel()
        await scraper.scrapeOnce()
        let ended = Date()
        return Measurement(
            accumulator: recorder.accumulator,
            result: result,
            startedAt: started,
            endedAt: ended,
            faults: timeline.windows(endingAt: .seconds(ended.timeIntervalSince(started))),
            resources: sampler.samples,
            targetMetrics: scraper.series,
            abortedBy: recorder.abortReason,
            interrupted: Task.isCancelled
        )
    }
}
