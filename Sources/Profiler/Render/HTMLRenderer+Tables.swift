extension HTMLRenderer {
    /// A table whose columns from `numericFrom` through `numericThrough` are right-aligned numbers.
    static func table(
        _ headers: [String],
        _ rows: [[String]],
        numericFrom: Int = 1,
        numericThrough: Int = .max
    ) -> String {
        let numeric = numericFrom...max(numericFrom, numericThrough)
        let head = headers.enumerated().map { index, title in
            "<th\(numeric.contains(index) ? " class=\"num\"" : "")>\(title)</th>"
        }
        let body = rows.map { row in
            "<tr>"
                + row.enumerated().map { "<td\(numeric.contains($0) ? " class=\"num\"" : "")>\($1)</td>" }.joined()
                + "</tr>"
        }
        return
            "<div class=\"scroll\"><table><thead><tr>\(head.joined())</tr></thead><tbody>\(body.joined())</tbody></table></div>"
    }

    static func sloTable(_ report: Report) -> String {
        guard !report.slos.isEmpty else { return "<p class=\"empty\">The run had no SLOs.</p>" }
        let rows = report.slos.map { slo -> [String] in
            let status =
                switch slo.status {
                case .passed: "<span class=\"pill pass\">pass</span>"
                case .failed: "<span class=\"pill fail\">fail</span>"
                case .noData: "<span class=\"pill fail\">no data</span>"
                }
            let observed = slo.observed.map { Format.slo($0, slo.unit) } ?? Format.escaped(slo.note ?? "–")
            let margin = slo.margin.map { Format.margin($0, slo.unit) } ?? "–"
            let abort = slo.abortOnFail ? " <span class=\"pill neutral\">abort-on-fail</span>" : ""
            return [status, "<code>\(Format.escaped(slo.expression))</code>\(abort)", observed, margin]
        }
        return table(["", "Objective", "Observed", "Margin"], rows, numericFrom: 2)
    }

    static func requestTable(_ report: Report) -> String {
        let rows = (report.requests + [report.overall]).map { summary -> [String] in
            let latency = summary.responseTime
            let name =
                summary.name == RequestSummary.overallName ? "<strong>all</strong>" : Format.escaped(summary.name)
            let statuses = summary.statusCodes.sorted { $0.key < $1.key }.map { "\($0.key)×\(Format.count($0.value))" }
            let errors = summary.errorKinds.sorted { $0.key < $1.key }.map { "\($0.key)×\(Format.count($0.value))" }
            return [
                name, Format.count(summary.requests), Format.rate(summary.throughput),
                Format.percent(summary.errorRate),
                Format.latency(latency.p50), Format.latency(latency.p90), Format.latency(latency.p95),
                Format.latency(latency.p99), Format.latency(latency.p999), Format.latency(latency.p9999),
                Format.latency(latency.max), Format.latency(summary.serviceTime.p99),
                Format.escaped((statuses + errors).joined(separator: " ")),
            ]
        }
        let headers = [
            "Request", "Count", "Rate", "Errors", "p50", "p90", "p95", "p99", "p99.9", "p99.99", "Max", "p99 service",
            "Outcomes",
        ]
        return table(headers, rows)
    }

    /// Connections per request name: protocols, count, connect and TLS handshake times, failed handshakes.
    static func connectionTable(_ rows: [ConnectionRow]) -> String {
        let cells = rows.map { row -> [String] in
            [row.isOverall ? "<strong>all</strong>" : Format.escaped(row.name)] + row.values.map(Format.escaped)
        }
        return table(ConnectionRow.headers, cells, numericFrom: 2, numericThrough: 6)
    }

    static func comparisonTable(_ comparison: Comparison) -> String {
        let rows = comparison.metrics.map { metric -> [String] in
            let pill =
                switch metric.verdict {
                case .regression: "<span class=\"pill fail\">regression</span>"
                case .improvement: "<span class=\"pill pass\">improvement</span>"
                case .noChange: "<span class=\"pill neutral\">~</span>"
                case .insufficientData: "<span class=\"pill neutral\">too few samples</span>"
                }
            let name = metric.request == RequestSummary.overallName ? "all" : Format.escaped(metric.request)
            return [
                pill, name, metric.metric, Format.metric(metric.baseMedian, metric.metric),
                Format.metric(metric.newMedian, metric.metric), Format.change(metric.change),
                Format.pValue(metric.pValue), "\(metric.baseSamples)/\(metric.newSamples)",
            ]
        }
        let note =
            "<p class=\"note\">Medians of per-second samples; Mann-Whitney U test, α = "
            + "\(Format.significant(comparison.alpha)); a significant change of at least "
            + "\(Format.percent(comparison.threshold)) is a regression or an improvement.</p>"
        return note + table(["", "Request", "Metric", "Base", "New", "Change", "p", "n"], rows, numericFrom: 3)
    }
}
