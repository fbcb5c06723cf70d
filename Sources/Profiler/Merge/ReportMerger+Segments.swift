import Foundation

extension ReportMerger {
    /// Checks that `reports` are distinct segments of one run (same scenario, same segment count, `expected` when
    /// given, same `--start-at`), each run to its end, and returns the segments still missing: a merge of anything
    /// less than all of them would be a partial verdict passed off as a whole one.
    ///
    /// Reports without segment identity (older builds, whole runs) are accepted as they are when none has one.
    public static func missingSegments(_ reports: [Report], sources: [String], expected: Int? = nil)
        throws(ReportMergeError) -> [RunSegment]
    {
        let named = Array(zip(reports, sources))
        guard named.contains(where: { $0.0.run.segment != nil }) || expected != nil else { return [] }
        guard let firstSegment = named.first?.0.run.segment ?? expected.map({ RunSegment(index: 1, count: $0) }) else {
            return []
        }
        for (report, source) in named where report.run.segment == nil {
            throw ReportMergeError(
                description: "\(source) is not a segment report (no run.segment): was it run with --segment?"
            )
        }
        let count = expected ?? firstSegment.count
        var seen: [Int: String] = [:]
        for (report, source) in named {
            guard let segment = report.run.segment else { continue }
            guard segment.count == count else {
                throw ReportMergeError(
                    description: "\(source) is segment \(segment) of a run in \(segment.count) segments, "
                        + "expected one of \(count) segments"
                )
            }
            if let other = seen[segment.index] {
                throw ReportMergeError(
                    description: "segment \(segment) twice: \(other) and \(source); one index must run exactly once"
                )
            }
            seen[segment.index] = source
            if let first = named.first, report.run.startAt != first.0.run.startAt {
                throw ReportMergeError(
                    description: "\(source) started at \(stamp(report.run.startAt)), \(first.1) at "
                        + "\(stamp(first.0.run.startAt)): they are segments of different runs"
                )
            }
            if let failure = failure(of: report, source: source) { throw failure }
        }
        return (1...max(1, count)).filter { seen[$0] == nil }.map { RunSegment(index: $0, count: count) }
    }

    /// `missing segment 2/3 (JOB_COMPLETION_INDEX=1), segment 3/3 (JOB_COMPLETION_INDEX=2)`.
    public static func describeMissing(_ missing: [RunSegment]) -> String {
        "missing " + missing.map(describe).joined(separator: ", ")
    }

    /// Why one segment's report cannot count towards a merged verdict: it stopped early, or nothing it sent was
    /// answered. An abort-on-fail SLO that stopped it is an SLO failure (``ReportMergeError/sloFailed``).
    public static func failure(of report: Report, source: String) -> ReportMergeError? {
        let name = report.run.segment.map { "\(describe($0)) (\(source))" } ?? source
        if let stopped = report.run.stopped {
            return ReportMergeError(
                description: "\(name) did not run to its end: \(stopped.summary)",
                sloFailed: stopped.reason == RunStop.aborted
            )
        }
        let answered = report.requests.reduce(0) { $0 + $1.statusCodes.values.reduce(0, +) }
        if report.overall.requests > 0, answered == 0 {
            return ReportMergeError(
                description: "\(name) got no response from \(report.run.target): "
                    + "\(report.overall.requests) of \(report.overall.requests) requests failed"
            )
        }
        return nil
    }

    /// `segment 2/3 (JOB_COMPLETION_INDEX=1)`: both numberings, since pods are named by the 0-based one.
    public static func describe(_ segment: RunSegment) -> String {
        "segment \(segment) (JOB_COMPLETION_INDEX=\(segment.index - 1))"
    }

    private static func stamp(_ date: Date?) -> String {
        guard let date else { return "once ready (no --start-at)" }
        return Report.dateFormatter().string(from: date)
    }
}
