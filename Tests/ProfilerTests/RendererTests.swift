import Foundation
import Profiler
import Testing

@Suite struct RendererTests {
    /// A 30-second run with a fault in its middle third, SLOs (some failing) and a comparison with a faster baseline,
    /// over TLS without checking certificates, with a few failed handshakes.
    static let report: Report = {
        let slos = [
            "p50 < 250ms", "create-order p95 < 100ms", "error-rate < 0.1%", "during faults: error-rate <= 5%",
            "after faults: login p99 < 300ms abort-on-fail", "phase cool-down: p99 < 1s",
        ]
        var report = Fixtures.report(seconds: 30, errorEvery: 10, connections: true)
        report.run.tlsVerification = RunMetadata.insecureTLS
        report = report.evaluating(slos.map { try! SLOParser.parse($0) })
        let baseline = Fixtures.report(seconds: 30, errorEvery: 10, slowFrom: 40)
        report.comparison = Comparator().compare(base: baseline, new: report)
        return report
    }()

    @Test func htmlIsSelfContainedAndRendersEverySection() throws {
        let html = HTMLRenderer.render(Self.report)
        for forbidden in ["<script", "<link", "src=", "href=", "url(", "@import", "<iframe", "<img"] {
            #expect(!html.contains(forbidden), "the page must not reference anything outside itself: \(forbidden)")
        }
        for section in [
            "Latency by percentile", "Latency over time", "Requests and errors per second", "Target CPU",
            "Target memory", "Service-level objectives", "Requests", "Connections", "Comparison with the baseline",
        ] {
            #expect(html.contains(section), "missing section \(section)")
        }
        #expect(html.contains("<rect class=\"band\""), "fault windows are shaded")
        #expect(html.contains("99.9%"), "the percentile axis is labelled")
        #expect(html.contains("3 of 6 SLOs failed"))
        #expect(html.contains("during faults: error-rate &lt;= 5%"))
        #expect(html.contains("<p class=\"warning\"><strong>Warning:</strong> TLS certificates were not verified"))
        #expect(html.contains("the server refused the handshake (client certificate?): 2"))
        #expect(html.contains("tls-handshake×3"), "the new error kinds show like the old ones")
        try Golden.check(html, against: "report.html")
    }

    @Test func withoutConnectionsOrTLSThereIsNoConnectionsSectionNorWarning() {
        let report = Fixtures.report(seconds: 6)
        #expect(report.overall.connections == nil && report.run.tlsVerification == nil)
        let html = HTMLRenderer.render(report)
        #expect(!html.contains("<h2>Connections</h2>") && !html.contains("class=\"warning\""))
        let markdown = MarkdownRenderer.render(report)
        #expect(!markdown.contains("TLS"))
        var verified = report
        verified.run.tlsVerification = RunMetadata.verifiedTLS
        #expect(!HTMLRenderer.render(verified).contains("class=\"warning\""))
    }

    @Test func htmlEscapesNamesFromTheScenario() {
        var report = Self.report
        report.run.scenarioName = "<script>alert(1)</script>"
        let html = HTMLRenderer.render(report)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test func htmlShowsTheTargetsMetricsWhenScraped() {
        var report = Self.report
        var circuit = ScrapedSeries(source: "u", series: "payments_circuit_state", kind: .gauge, offset: 0, value: 0)
        circuit.add(offset: 16, value: 1)
        circuit.add(offset: 32, value: 0)
        var calls = ScrapedSeries(
            source: "u",
            series: #"calls_total{outcome="ok"}"#,
            kind: .counter,
            offset: 0,
            value: 2
        )
        calls.add(offset: 30, value: 502)
        report.targetMetrics = [calls, circuit]
        let html = HTMLRenderer.render(report)
        #expect(html.contains("<h2>Target metrics</h2>"))
        #expect(html.contains("0 at 0 s → 1 at 16 s → 0 at 32 s"))
        #expect(html.contains("calls_total{outcome=&quot;ok&quot;}") && html.contains("+500"))
        #expect(!HTMLRenderer.render(Self.report).contains("Target metrics"), "no section when nothing was scraped")
    }

    @Test func markdownSummary() throws {
        let markdown = MarkdownRenderer.render(Self.report)
        #expect(markdown.hasPrefix("## Ordeal: checkout — ❌ 3 SLO(s) failed"))
        #expect(markdown.contains("> ⚠️ **Warning:** TLS certificates were not verified (insecure)"))
        #expect(markdown.contains("| `create-order` | http/1.1+tls×30 | 30 |"))
        try Golden.check(markdown, against: "summary.md")
    }

    @Test func junitHasOneCasePerSLOAndComparisonVerdict() throws {
        let xml = JUnitRenderer.render(Self.report)
        let cases = xml.components(separatedBy: "<testcase ").count - 1
        #expect(cases == Self.report.slos.count + (Self.report.comparison?.metrics.count ?? 0))
        #expect(xml.contains("failures=\"\(xml.components(separatedBy: "<failure ").count - 1)\""))
        try Golden.check(xml, against: "junit.xml")
    }

    @Test func jsonGolden() throws {
        try Golden.check(String(decoding: Self.report.jsonData(), as: UTF8.self), against: "report.json")
    }

    @Test func percentileDistributionIsHdrHistogramText() throws {
        let text = try PercentileDistributionRenderer.render(Self.report.requests[0].responseTime)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "       Value     Percentile TotalCount 1/(1-Percentile)")
        #expect(lines.contains { $0.hasPrefix("#[Mean    =") })
        #expect(lines.contains { $0.hasPrefix("#[Max     =") && $0.hasSuffix("Total count    =          600]") })
        #expect(lines[1].hasPrefix("      10.007 0.000000000000"))
    }

    @Test func intervalLogIsFormat13() {
        let log = IntervalLogRenderer.render(Self.report)
        let lines = log.split(separator: "\n")
        #expect(lines[0] == "#[Histogram log format version 1.3]")
        #expect(lines[1].hasPrefix("#[StartTime: 1800000000.000 (seconds since epoch), 2027-01-15T08:00:00Z]"))
        #expect(lines[2] == "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"")
        #expect(lines[3].hasPrefix("0.000,1.000,"))
        #expect(lines[3].contains(",HISTFAAA"))
        #expect(lines[4].hasPrefix("Tag=login,0.000,1.000,11.903,HISTFAAA"))
        #expect(lines.count == 3 + 30 * 3)
    }
}
