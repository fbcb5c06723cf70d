import Foundation

/// `summary.md`: the run in GitHub step-summary style (verdict first, then SLOs, requests and the comparison).
public enum MarkdownRenderer {
    public static func render(_ report: Report) -> String {
        let run = report.run
        var lines: [String] = []
        let verdict =
            report.slosPassed ? "✅ every SLO held" : "❌ \(report.slos.filter { !$0.passed }.count) SLO(s) failed"
        lines.append("## Ordeal: \(run.title) — \(report.slos.isEmpty ? "no SLOs" : verdict)")
        lines.append("")
        lines.append(
            "Target `\(run.target)` · \(Format.date(run.startedAt)) · \(Format.significant(run.durationSeconds)) s · "
                + "\(Format.count(report.overall.requests)) requests · \(Format.rate(report.overall.throughput)) · "
                + "errors \(Format.percent(report.overall.errorRate))"
        )
        if let stopped = report.run.stopped { lines += ["", "> ⚠️ **Run \(stopped.reason):** \(stopped.summary)"] }
        if report.run.tlsInsecure { lines += ["", "> ⚠️ **Warning:** \(RunMetadata.insecureTLSWarning)"] }
        if let knee = report.knee { lines += ["", "**Stress:** " + KneeRenderer.render(knee)] }
        if let drift = report.drift { lines += ["", "**Soak:** " + DriftRenderer.render(drift)] }
        if !report.slos.isEmpty {
            lines += ["", "| | SLO | observed | margin |", "|---|---|---|---|"]
            for slo in report.slos {
                let mark = slo.passed ? "✅" : "❌"
                let observed = slo.observed.map { Format.slo($0, slo.unit) } ?? (slo.note ?? "no data")
                let margin = slo.margin.map { Format.margin($0, slo.unit) } ?? "–"
                lines.append("| \(mark) | `\(cell(slo.expression))` | \(cell(observed)) | \(margin) |")
            }
        }
        lines += [
            "", "| request | count | rps | errors | p50 | p90 | p99 | p99.9 | max |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for summary in report.requests + [report.overall] {
            let latency = summary.responseTime
            let name = summary.name == RequestSummary.overallName ? "**all**" : "`\(cell(summary.name))`"
            let values = [
                Format.count(summary.requests), Format.rate(summary.throughput), Format.percent(summary.errorRate),
                Format.latency(latency.p50), Format.latency(latency.p90), Format.latency(latency.p99),
                Format.latency(latency.p999), Format.latency(latency.max),
            ]
            lines.append("| \(name) | " + values.joined(separator: " | ") + " |")
        }
        let connections = ConnectionRow.rows(report)
        if !connections.isEmpty {
            lines += [
                "", "| request | protocols | opened | connect p50 | connect p99 | TLS p50 | TLS p99 | TLS failures |",
                "|---|---|---:|---:|---:|---:|---:|---|",
            ]
            for row in connections {
                let name = row.isOverall ? "**all**" : "`\(cell(row.name))`"
                lines.append("| \(name) | " + row.values.map(cell).joined(separator: " | ") + " |")
            }
        }
        if let comparison = report.comparison { lines += ["", render(comparison)] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comparison as a Markdown table, one row per request name and metric that did not stay the same.
    public static func render(_ comparison: Comparison) -> String {
        let changed = comparison.metrics.filter { $0.verdict != .noChange }
        let title = comparison.regressed ? "❌ regression" : "✅ no regression"
        var lines = [
            "### Comparison with \(Format.date(comparison.base.startedAt)): \(title)",
            "",
            "Mann-Whitney U on per-second samples, α = \(Format.significant(comparison.alpha)), "
                + "threshold \(Format.percent(comparison.threshold)); \(comparison.metrics.count - changed.count) of "
                + "\(comparison.metrics.count) metrics unchanged.",
        ]
        guard !changed.isEmpty else { return lines.joined(separator: "\n") }
        lines += ["", "| request | metric | base | new | change | p | verdict |", "|---|---|---:|---:|---:|---:|---|"]
        for metric in changed {
            let p = Format.pValue(metric.pValue)
            lines.append(
                "| `\(cell(metric.request))` | \(metric.metric) | \(Format.metric(metric.baseMedian, metric.metric)) | "
                    + "\(Format.metric(metric.newMedian, metric.metric)) | \(Format.change(metric.change)) | \(p) | "
                    + "\(metric.verdict.rawValue) |"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
