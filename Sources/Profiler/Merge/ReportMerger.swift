import Basics
import Foundation

/// Why segment reports could not be merged.
public struct ReportMergeError: Error, Equatable, CustomStringConvertible {
    public let description: String
    /// Whether the reason is an SLO that failed (an abort-on-fail segment), not a missing or broken segment.
    public var sloFailed = false

    public init(description: String, sloFailed: Bool = false) {
        self.description = description
        self.sloFailed = sloFailed
    }
}

/// Merges the reports of one scenario run in segments (on several machines) into one report.
///
/// Histograms are added losslessly, counts summed, the time series aligned by wall-clock second (segments that ran
/// at the same time add up), and the SLOs of the first report are evaluated again on the merged data.
public enum ReportMerger {
    /// The merged report; `sources` name the reports in errors (file names), in the same order.
    public static func merge(_ reports: [Report], sources: [String] = []) throws(ReportMergeError) -> Report {
        let sources = reports.indices.map { $0 < sources.count ? sources[$0] : "report \($0 + 1)" }
        guard let first = reports.first else { throw ReportMergeError(description: "no reports to merge") }
        for (report, source) in zip(reports, sources).dropFirst() {
            guard report.run.scenarioHash == first.run.scenarioHash else {
                throw ReportMergeError(
                    description:
                        "\(source) is of scenario '\(report.run.scenarioName)' (hash \(report.run.scenarioHash)), "
                        + "\(sources[0]) of '\(first.run.scenarioName)' (hash \(first.run.scenarioHash)); "
                        + "only segments of the same scenario merge"
                )
            }
            guard report.requests.map(\.name) == first.requests.map(\.name) else {
                throw ReportMergeError(description: "\(source) has other request names than \(sources[0])")
            }
        }
        do {
            return try mergeChecked(reports)
        } catch {
            throw ReportMergeError(description: "a histogram in the reports is unreadable: \(error.reason)")
        }
    }

    private static func mergeChecked(_ reports: [Report]) throws(HistogramDecodingError) -> Report {
        let start = reports.map(\.run.startedAt).min()!
        var metadata = reports[0].run
        metadata.startedAt = start
        metadata.segment = nil
        metadata.loadStartedAt = reports.compactMap(\.run.loadStartedAt).min()
        // A segment cut short makes the merged run partial: the warning must survive the merge.
        metadata.stopped = reports.lazy.compactMap(\.run.stopped).first
        metadata.endedAt = reports.map(\.run.endedAt).max()!
        metadata.host = Self.unique(reports.map(\.run.host)).joined(separator: ", ")
        metadata.phases = mergedPhases(reports, start: start)
        // One insecure segment makes the merged run insecure: the warning must survive the merge.
        let verifications = reports.compactMap(\.run.tlsVerification)
        metadata.tlsVerification =
            verifications.contains(RunMetadata.insecureTLS) ? RunMetadata.insecureTLS : verifications.first
        let names = reports[0].requests.map(\.name)
        var totals = Array(repeating: RequestAggregate(), count: names.count)
        for report in reports {
            for (index, summary) in report.requests.enumerated() { totals[index].add(try RequestAggregate(summary)) }
        }
        var overall = RequestAggregate()
        for total in totals { overall.add(total) }
        let seconds = metadata.durationSeconds
        var merged = Report(
            run: metadata,
            overall: RequestSummary(name: RequestSummary.overallName, aggregate: overall, seconds: seconds),
            requests: zip(names, totals).map { RequestSummary(name: $0, aggregate: $1, seconds: seconds) },
            timeline: try mergedTimeline(reports, start: start, names: names),
            faults: unique(reports.flatMap { shifted($0.faults, by: $0.run.startedAt.timeIntervalSince(start)) }),
            resources: reports.flatMap { report in
                let delta = report.run.startedAt.timeIntervalSince(start)
                return report.resources.map { sample in
                    var sample = sample
                    sample.offset += delta
                    return sample
                }
            }.sorted { $0.offset < $1.offset }
        )
        let expressions = unique(reports[0].slos.map(\.expression)).compactMap { try? SLOParser.parse($0) }
        merged = merged.evaluating(expressions)
        // The knee and the drift are properties of the whole load, so they are found again over the joined
        // timeline: one segment's knee is at a fraction of the real rate.
        if let knee = reports.lazy.compactMap(\.knee).first, let phases = knee.rampingPhases {
            let criteria = knee.criteria.compactMap { try? SLOParser.parse($0) }
            merged.knee = KneeFinder.find(
                in: merged,
                criteria: criteria,
                rampingPhases: phases,
                sustain: knee.sustainSeconds
            )
        }
        merged.drift = DriftFinder.find(in: merged)
        // Every segment scraped the same target, which served all of them: the first segment's scrape already
        // sees the whole load, and adding them up would count it once per segment.
        merged.targetMetrics = reports.lazy.compactMap(\.targetMetrics).first
        return merged
    }

    private static func mergedPhases(_ reports: [Report], start: Date) -> [PhaseSpan] {
        var phases: [PhaseSpan] = []
        for report in reports {
            let delta = report.run.startedAt.timeIntervalSince(start)
            for phase in report.run.phases {
                if let index = phases.firstIndex(where: { $0.name == phase.name }) {
                    phases[index].start = min(phases[index].start, phase.start + delta)
                    phases[index].end = max(phases[index].end, phase.end + delta)
                } else {
                    phases.append(PhaseSpan(name: phase.name, start: phase.start + delta, end: phase.end + delta))
                }
            }
        }
        return phases.sorted { $0.start < $1.start }
    }

    private static func shifted(_ faults: [FaultWindow], by delta: Double) -> [FaultWindow] {
        faults.map { window in
            var shifted = window
            shifted.start += delta
            shifted.end += delta
            shifted.plannedStart = window.plannedStart.map { $0 + delta }
            shifted.plannedEnd = window.plannedEnd.map { $0 + delta }
            shifted.ready = window.ready.map { $0 + delta }
            return shifted
        }
    }

    static func unique<T: Equatable>(_ values: [T]) -> [T] {
        var result: [T] = []
        for value in values where !result.contains(value) { result.append(value) }
        return result
    }
}
