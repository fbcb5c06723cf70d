import Basics
import FaultInjector
import Foundation
import LoadGenerator
import Logging
import NIOCore
import Profiler
import Scenarios
import ServiceLifecycle
import Synchronization

/// One run, end to end: start the target, apply load and faults on time, sample the target, write the reports.
///
/// ```
/// load scenario ─▶ start target ─▶ live views (dashboard, metrics, console, jsonl: one service group)
///                                   ┌ sampler, scraper (1/s)                  ┐ one service group on one RunClock,
///                                   ├ fault timeline (apply / lift on time)   │ shut down in reverse when the load
///                                   └ generator ─ seconds ─▶ LiveFeed ─▶ hub  ┘ ends; LiveFeed keeps the accumulator
///      ◀── stop target (always) ◀── report.json / report.html / junit.xml / summary.md ◀── SLOs, baseline
/// ```
/// Cancelling the task (Ctrl-C) ends the load early; the faults are lifted, the target stopped, and what was measured
/// is still written.
public struct Run: Sendable {
    public let options: RunOptions

    public init(options: RunOptions) {
        self.options = options
    }

    /// Runs; `progress` receives the console's periodic line and a few lines about the run's set-up;
    /// `interruption` says which signal, if any, cut it short.
    public func execute(
        interruption: Interruption = Interruption(),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(RunFailure) -> RunOutcome {
        let prepared = try prepare()
        try checkStartAt(schedule: prepared.plan.nominalLength)
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
        var plan: LoadPlan
        do {
            plan = try prepared.plan.secured(with: prepared.tls)
        } catch {
            await Task { await session.stop() }.value
            throw RunFailure(.invalidInput, error.description)
        }
        if let loops = options.loops { plan.loops = loops }
        // A --url target is not checked before the load: say so instead of calling it ready.
        let ready = options.url == nil ? "target ready; load goes to" : "load goes to (not checked first)"
        let loops = plan.loops ?? System.coreCount
        progress(
            "\(ready) \(target.baseURL)" + Self.describeTLS(plan) + " from \(loops) event loop\(loops == 1 ? "" : "s")"
        )
        let hub = LiveHub()
        let finalReport = LiveServer.FinalReport()
        let views = try await LiveViews.start(
            options.live,
            hub: hub,
            report: finalReport,
            title: prepared.name,
            progress: progress
        )
        let measured = await measure(
            plan: plan,
            startAt: options.startAt,
            faults: prepared.faults,
            session: session,
            slos: prepared.slos,
            hub: hub,
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
        report.run.loadStartedAt = measured.loadStartedAt
        report.run.startAt = options.startAt?.date
        report.run.stopped = Self.stop(measured, interruption: interruption)
        if !measured.targetMetrics.isEmpty { report.targetMetrics = measured.targetMetrics }
        if !prepared.rampingPhases.isEmpty {
            report.knee = KneeFinder.find(in: report, criteria: prepared.slos, rampingPhases: prepared.rampingPhases)
        }
        report.drift = DriftFinder.find(in: report)
        if let baseline { report.comparison = Comparator().compare(base: baseline, new: report) }
        let written: [String]
        do {
            written = try ReportWriter.write(
                report,
                to: folder,
                junit: options.writeJUnit,
                markdown: options.writeMarkdown
            )
        } catch {
            _ = await views.stop(lingering: false)
            throw error
        }
        if let html = written.first(where: { $0.hasSuffix(".html") }),
            let page = try? String(contentsOfFile: html, encoding: .utf8)
        {
            finalReport.set(page)
        }
        if let failure = await views.stop(lingering: options.live.dashboard != nil) {
            progress("a live view failed: \(failure)")
        }
        let noResponse = Self.noResponse(report, target: target.baseURL.description)
        var code = OrdealExitCode.verdict(
            sloFailed: !report.slosPassed,
            regressionFound: report.comparison?.regressed ?? false
        )
        if noResponse != nil || measured.failure != nil { code = .unavailable }
        if measured.interrupted, measured.abortedBy == nil {
            code = interruption.signal == SIGTERM ? .terminated : .interrupted
        }
        var outcome = RunOutcome(
            exitCode: code,
            directory: folder.path,
            files: written,
            report: report,
            interrupted: measured.interrupted,
            aborted: measured.abortedBy
        )
        outcome.noResponse = noResponse
        return outcome
    }

    /// Why and when the run stopped early, for the report; nil when it ran to its end.
    static func stop(_ measured: Measurement, interruption: Interruption) -> RunStop? {
        let at = measured.endedAt.timeIntervalSince(measured.startedAt)
        if let failure = measured.failure { return RunStop(reason: RunStop.failed, at: at, error: failure) }
        if let aborted = measured.abortedBy { return RunStop(reason: RunStop.aborted, at: at, slo: aborted) }
        guard measured.interrupted else { return nil }
        let signal = interruption.signal.map { $0 == SIGTERM ? "SIGTERM" : "SIGINT" } ?? "SIGINT"
        return RunStop(reason: RunStop.interrupted, at: at, signal: signal)
    }

    /// `no response from URL: 396 of 396 requests failed (connect-refused)` when requests were sent and not one
    /// was answered.
    static func noResponse(_ report: Report, target: String) -> String? {
        var responses: UInt64 = 0
        var failures: [String: UInt64] = [:]
        for request in report.requests {
            responses += request.statusCodes.values.reduce(0, +)
            for (kind, count) in request.errorKinds { failures[kind, default: 0] += count }
        }
        let requests = report.overall.requests
        guard requests > 0, responses == 0 else { return nil }
        let kinds = failures.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return "no response from \(target): \(requests) of \(requests) requests failed (\(kinds))"
    }

    /// How the load's connections are secured, for the start-up line: nothing for plain HTTP.
    static func describeTLS(_ plan: LoadPlan) -> String {
        guard let tls = plan.tls else { return "" }
        let offer = tls.offeredProtocols.joined(separator: ", ")
        return tls.isInsecure
            ? " over TLS WITHOUT certificate verification (insecure), offering \(offer)"
            : " over TLS, certificates verified, offering \(offer)"
    }

    /// Runs the generator, the fault timeline, the sampler and the scraper as one service group on one clock: started
    /// in that order, and when the load ends (or is stopped) shut down in reverse, so every fault is lifted and the
    /// last samples taken before the report is built. A part that fails is named in the report, not swallowed.
    private func measure(
        plan: LoadPlan,
        startAt: StartInstant?,
        faults: [ScheduledFault],
        session: TargetSession,
        slos: [SLOExpression],
        hub: LiveHub,
        progress: @escaping @Sendable (String) -> Void
    ) async -> Measurement {
        // With a shared start (--start-at) the clock's zero is that instant: everything is set up and scraped
        // before it, and the load begins on it.
        var plan = plan
        let (clock, late) = Self.clock(for: startAt, progress: progress)
        plan.startOffset = late
        let timeline = FaultTimeline(faults: faults, registry: session.proxies, processes: session, clock: clock)
        // Asked each second, so a process restarted by a fault is sampled under its new pid.
        let sampler = ResourceSampler(clock: clock) { session.processes.map { ($0.name, $0.pid) } }
        let scraper = MetricsScraper(urls: session.metricsURLs, tls: session.tls, clock: clock)
        let feed = LiveFeed(
            requestNames: plan.requestNames,
            slos: slos,
            hub: hub,
            faults: { timeline.windows(endingAt: LiveFeed.stillOn) },
            resources: { sampler.samples }
        )
        let load = LoadService(plan: plan, clock: clock, feed: feed)
        // One scrape just before the load and one just after it, so counters' increases span exactly the run.
        await scraper.scrapeOnce()
        // Cancelled while waiting (Ctrl-C): the group below is cancelled at once too.
        try? await clock.sleep(until: .zero)
        let loadStartedAt = Date()
        var logger = Logger(label: "ordeal.run")
        logger.logLevel = .critical
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: sampler),
                    .init(service: scraper),
                    // Its faults may all be over before the load is: that ends it, not the run.
                    .init(service: timeline, successTerminationBehavior: .ignore),
                    .init(
                        service: load,
                        successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup
                    ),
                ],
                logger: logger
            )
        )
        var failure: String?
        do {
            try await group.run()
        } catch {
            if !Task.isCancelled { failure = Self.describe(error) }
        }
        await scraper.scrapeOnce()
        let ended = clock.elapsed
        return Measurement(
            accumulator: feed.accumulator,
            outline: load.outline,
            clock: clock,
            endedAt: clock.wallClock(at: ended),
            faults: timeline.windows(endingAt: ended),
            resources: sampler.samples,
            targetMetrics: scraper.series,
            abortedBy: feed.abortReason,
            interrupted: Task.isCancelled,
            failure: failure,
            loadStartedAt: loadStartedAt
        )
    }

    /// A part's failure as one line, without the service group's wrapping.
    static func describe(_ error: any Error) -> String {
        if let group = error as? ServiceGroupError { return "a part of the run stopped: \(group)" }
        return "\(error)"
    }
}
