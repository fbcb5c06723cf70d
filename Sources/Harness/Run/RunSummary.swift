import Foundation
import Profiler

/// The few lines `ordeal run` prints at the end: where the reports are, and each SLO's verdict.
public enum RunSummary {
    public static func text(for outcome: RunOutcome) -> String {
        let report = outcome.report
        var lines: [String] = []
        if let stopped = report.run.stopped { lines.append("run \(stopped.summary)") }
        if let noResponse = outcome.noResponse { lines.append(noResponse) }
        if let startAt = report.run.startAt, let began = report.run.loadStartedAt {
            let segment = report.run.segment.map { "segment \($0): " } ?? ""
            let dropped = report.timeline.reduce(0) { $0 + $1.iterationsDropped }
            lines.append(
                "\(segment)load began \(String(format: "%+.3f", began.timeIntervalSince(startAt))) s from --start-at "
                    + "\(Report.dateFormatter().string(from: startAt)), \(dropped) iterations dropped"
            )
        }
        let overall = report.overall
        // A percentile of no response at all is no number.
        let answered = report.requests.contains { !$0.statusCodes.isEmpty }
        let time = { (value: UInt64) in answered ? "\(value) µs" : "—" }
        lines.append(
            "\(overall.requests) requests, \(overall.errors) errors, p50 \(time(overall.responseTime.p50)),"
                + " p99 \(time(overall.responseTime.p99)), max \(time(overall.responseTime.max))"
        )
        if report.run.tlsInsecure { lines.append("TLS certificates were NOT verified (insecure)") }
        lines += connectionLines(report)
        if let knee = report.knee { lines.append(KneeRenderer.render(knee)) }
        if let drift = report.drift { lines.append(DriftRenderer.render(drift)) }
        for verdict in report.slos {
            let mark = verdict.passed ? "PASS" : verdict.status == .noData ? "NO DATA" : "FAIL"
            let observed = verdict.observed.map { " (observed \(format($0)) \(verdict.unit.rawValue))" } ?? ""
            lines.append("  \(mark)  \(verdict.expression)\(observed)\(verdict.note.map { ": \($0)" } ?? "")")
        }
        lines.append("reports: " + outcome.files.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// How each request's connections were made, and why TLS handshakes failed, when any did.
    static func connectionLines(_ report: Report) -> [String] {
        report.requests.compactMap { request -> String? in
            guard let connections = request.connections else { return nil }
            let protocols = connections.protocols.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
            var line = "  \(request.name): \(connections.opened) connection\(connections.opened == 1 ? "" : "s")"
            if !protocols.isEmpty { line += " (\(protocols.joined(separator: ", ")))" }
            if let handshake = connections.tlsHandshakeTime { line += ", TLS handshake p50 \(handshake.p50) µs" }
            let failures = connections.tlsFailureExplanations.map { "\($0.count) \($0.explanation)" }
            if !failures.isEmpty { line += "; TLS failed: " + failures.joined(separator: ", ") }
            return line
        }
    }

    /// The one-line reason for a non-zero exit.
    public static func verdict(for outcome: RunOutcome) -> String {
        switch outcome.exitCode {
        case .sloFailed:
            let failed = outcome.report.slos.filter { !$0.passed }.count
            return "\(failed) SLO\(failed == 1 ? "" : "s") failed"
        case .regression:
            return "a regression was found against the baseline"
        case .unavailable where outcome.noResponse != nil:
            return outcome.noResponse!
        default:
            return outcome.exitCode.description
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 1000).rounded() / 1000)
    }
}
