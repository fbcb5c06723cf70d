/// `report.html`: one self-contained page (inline CSS and SVG, no script, no external request) for a run.
public enum HTMLRenderer {
    static let palette = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#65a30d", "#dc2626"]

    /// The page for a run, with the comparison section when the report carries one.
    public static func render(_ report: Report) -> String {
        var body = header(report)
        if let stopped = report.run.stopped {
            body +=
                "<p class=\"warning\"><strong>Run \(Format.escaped(stopped.reason)):</strong> "
                + "\(Format.escaped(stopped.summary))</p>\n"
        }
        if report.run.tlsInsecure {
            body += "<p class=\"warning\"><strong>Warning:</strong> \(RunMetadata.insecureTLSWarning)</p>\n"
        }
        body += cards(report)
        if let knee = report.knee {
            body += "<p class=\"note\"><strong>Stress:</strong> \(Format.escaped(KneeRenderer.render(knee)))</p>\n"
        }
        if let drift = report.drift {
            body += "<p class=\"note\"><strong>Soak:</strong> \(Format.escaped(DriftRenderer.render(drift)))</p>\n"
        }
        body += section("Latency", charts(report))
        body += section("Service-level objectives", sloTable(report))
        body += section("Requests", requestTable(report))
        let connections = ConnectionRow.rows(report)
        if !connections.isEmpty { body += section("Connections", connectionTable(connections)) }
        if let metrics = report.targetMetrics, !metrics.isEmpty {
            body += section("Target metrics", metricsTable(metrics))
        }
        if let comparison = report.comparison {
            body += section("Comparison with the baseline", comparisonTable(comparison))
        }
        body += footer(report.run)
        return page(title: "Ordeal · \(report.run.title)", body: body)
    }

    /// A page for `ordeal compare`: the two runs and the per-metric verdicts.
    public static func render(_ comparison: Comparison) -> String {
        let verdict = comparison.regressed ? ("fail", "Regression") : ("pass", "No regression")
        var body = "<header><h1>Comparison · \(Format.escaped(comparison.new.scenarioName))</h1>"
        body += "<span class=\"badge \(verdict.0)\">\(verdict.1)</span>"
        body +=
            "<p class=\"meta\">base \(Format.date(comparison.base.startedAt)) on \(Format.escaped(comparison.base.host))"
        body += " · new \(Format.date(comparison.new.startedAt)) on \(Format.escaped(comparison.new.host))</p></header>"
        body += section("Verdicts", comparisonTable(comparison))
        return page(title: "Ordeal · comparison", body: body)
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Format.escaped(title))</title>
        <style>\(HTMLStyle.css)</style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static func section(_ title: String, _ content: String) -> String {
        "<section><h2>\(Format.escaped(title))</h2>\(content)</section>\n"
    }

    static func header(_ report: Report) -> String {
        let run = report.run
        let failed = report.slos.filter { !$0.passed }.count
        let badge =
            report.slos.isEmpty
            ? "<span class=\"badge neutral\">No SLOs</span>"
            : failed == 0
                ? "<span class=\"badge pass\">All \(report.slos.count) SLOs held</span>"
                : "<span class=\"badge fail\">\(failed) of \(report.slos.count) SLOs failed</span>"
        let regression =
            report.comparison.map {
                $0.regressed
                    ? "<span class=\"badge fail\">Regression</span>" : "<span class=\"badge pass\">No regression</span>"
            } ?? ""
        return "<header><h1>\(Format.escaped(run.title))</h1>\(badge)\(regression)"
            + "<p class=\"meta\">\(Format.escaped(run.target)) · \(Format.date(run.startedAt)) · "
            + "\(Format.significant(run.durationSeconds)) s · \(run.phases.map { Format.escaped($0.name) }.joined(separator: " → "))</p>"
            + "</header>\n"
    }

    static func cards(_ report: Report) -> String {
        let overall = report.overall
        let cards = [
            ("Requests", Format.count(overall.requests)),
            ("Throughput", Format.rate(overall.throughput)),
            ("Errors", Format.percent(overall.errorRate)),
            ("p50", Format.latency(overall.responseTime.p50)),
            ("p99", Format.latency(overall.responseTime.p99)),
            ("Max", Format.latency(overall.responseTime.max)),
        ]
        let items = cards.map { "<div class=\"card\"><span>\($0.0)</span><strong>\($0.1)</strong></div>" }
        return "<div class=\"cards\">\(items.joined())</div>\n"
    }

    static func footer(_ run: RunMetadata) -> String {
        "<footer>Ordeal \(Format.escaped(run.toolVersion)) · host \(Format.escaped(run.host)) · scenario hash "
            + "<code>\(Format.escaped(run.scenarioHash))</code> · latency from the intended start of each request "
            + "(coordinated-omission correct); dashed lines are service time, measured from the write.</footer>\n"
    }
}
