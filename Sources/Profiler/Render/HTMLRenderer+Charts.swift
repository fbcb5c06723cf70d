import Basics

extension HTMLRenderer {
    static func charts(_ report: Report) -> String {
        let bands = report.faults.filter(\.wasApplied).map {
            SVGChart.Band(start: $0.start, end: $0.end, label: $0.description)
        }
        var charts = [
            distributionChart(report), latencyOverTime(report, bands: bands), throughputChart(report, bands: bands),
        ]
        if !report.resources.isEmpty { charts += resourceCharts(report, bands: bands) }
        return "<div class=\"charts\">\(charts.joined())</div>"
    }

    static func distributionChart(_ report: Report) -> String {
        var series = [
            SVGChart.Series(
                name: "all requests",
                color: "#111827",
                points: points(report.overall.responseTime)
            ),
            SVGChart.Series(
                name: "all requests (service time)",
                color: "#111827",
                points: points(report.overall.serviceTime),
                dashed: true
            ),
        ]
        if report.requests.count > 1 {
            for (index, summary) in report.requests.enumerated() {
                series.append(
                    .init(name: summary.name, color: color(index), points: points(summary.responseTime))
                )
            }
        }
        var chart = SVGChart(
            title: "Latency by percentile",
            xAxis: .percentile,
            series: series,
            yFormat: Format.latency
        )
        chart.yLogarithmic = true
        return chart.html()
    }

    /// The percentile curve; the 100 % point is drawn at 1 - 1/count, where the HdrHistogram plotter ends too.
    static func points(_ latency: LatencySummary) -> [(x: Double, y: Double)] {
        let last = latency.count > 1 ? 100 * (1 - 1 / Double(latency.count)) : 0
        return latency.distribution.map { (x: min($0.percentile, max(last, 0)), y: Double($0.value)) }
    }

    static func latencyOverTime(_ report: Report, bands: [SVGChart.Band]) -> String {
        let lines: [(String, KeyPath<SliceStatistics, UInt64>, String)] = [
            ("p50", \.p50, "#2563eb"), ("p90", \.p90, "#7c3aed"), ("p99", \.p99, "#db2777"), ("max", \.max, "#9ca3af"),
        ]
        let series = lines.map { name, path, color in
            SVGChart.Series(
                name: name,
                color: color,
                points: report.timeline.filter { $0.overall.requests > 0 }.map {
                    (x: $0.start, y: Double($0.overall[keyPath: path]))
                }
            )
        }
        var chart = SVGChart(
            title: "Latency over time",
            xAxis: .seconds,
            series: series,
            bands: bands,
            yFormat: Format.latency
        )
        chart.yLogarithmic = true
        return chart.html()
    }

    static func throughputChart(_ report: Report, bands: [SVGChart.Band]) -> String {
        let seconds = wholeSeconds(report.timeline)
        let requests = seconds.map { (x: $0.start, y: Double($0.requests) / max($0.length, 1e-9)) }
        let errors = seconds.map { (x: $0.start, y: Double($0.errors) / max($0.length, 1e-9)) }
        let series = [
            SVGChart.Series(name: "requests/s", color: "#059669", points: requests, filled: true),
            SVGChart.Series(name: "errors/s", color: "#dc2626", points: errors, filled: true),
        ]
        return SVGChart(
            title: "Requests and errors per second",
            xAxis: .seconds,
            series: series,
            bands: bands,
            yFormat: Format.significant
        ).html()
    }

    /// The slices added up by the whole second they start in: a phase that ends a few milliseconds before a whole
    /// second leaves a sliver of a slice, whose handful of requests would otherwise chart as a spike of rate.
    static func wholeSeconds(_ timeline: [TimeSlice]) -> [(
        start: Double, length: Double, requests: UInt64, errors: UInt64
    )] {
        var seconds: [(start: Double, length: Double, requests: UInt64, errors: UInt64)] = []
        for slice in timeline {
            let length = slice.end - slice.start
            if let last = seconds.last, last.start.rounded(.down) == slice.start.rounded(.down) {
                seconds[seconds.count - 1] = (
                    last.start, last.length + length, last.requests + slice.overall.requests,
                    last.errors + slice.overall.errors
                )
            } else {
                seconds.append((slice.start, length, slice.overall.requests, slice.overall.errors))
            }
        }
        return seconds
    }

    static func resourceCharts(_ report: Report, bands: [SVGChart.Band]) -> [String] {
        var processes: [String] = []
        for sample in report.resources where !processes.contains(sample.process) { processes.append(sample.process) }
        let cpu = processes.enumerated().map { index, process in
            SVGChart.Series(
                name: process,
                color: color(index),
                points: report.resources.filter { $0.process == process }.map { (x: $0.offset, y: $0.cpuPercent) }
            )
        }
        let memory = processes.enumerated().map { index, process in
            SVGChart.Series(
                name: process,
                color: color(index),
                points: report.resources.filter { $0.process == process }.map {
                    (x: $0.offset, y: Double($0.rssBytes) / 1_048_576)
                }
            )
        }
        return [
            SVGChart(title: "Target CPU (% of one core)", xAxis: .seconds, series: cpu, bands: bands) {
                Format.significant($0) + "%"
            }.html(),
            SVGChart(
                title: "Target memory (RSS)",
                xAxis: .seconds,
                series: memory,
                bands: bands,
                yFormat: { Format.significant($0) + " MiB" }
            )
            .html(),
        ]
    }

    static func color(_ index: Int) -> String { palette[index % palette.count] }
}
