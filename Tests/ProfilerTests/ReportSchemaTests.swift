import Foundation
import Profiler
import Testing

/// Keeps `docs/report-schema.json` in step with the model: every field a report writes must be described there.
@Suite struct ReportSchemaTests {
    static let schemaFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/report-schema.json")

    static func keys(of value: Any, into keys: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                keys.insert(key)
                Self.keys(of: child, into: &keys)
            }
        } else if let array = value as? [Any] {
            for child in array { Self.keys(of: child, into: &keys) }
        }
    }

    @Test func everyFieldOfAReportIsInTheSchema() throws {
        var report = RendererTests.report
        report.comparison?.metrics[0].change = 0.5
        var gauge = ScrapedSeries(source: "http://h/metrics", series: "up", kind: .gauge, offset: 0, value: 0)
        gauge.add(offset: 1, value: 1)
        report.targetMetrics = [
            ScrapedSeries(source: "http://h/metrics", series: "c_total", kind: .counter, offset: 0, value: 1), gauge,
        ]
        report.knee = Knee(
            criteria: ["p99 < 1s"],
            sustainSeconds: 3,
            held: (60, 5),
            broken: (6, 70, "p99 < 1s"),
            rampingPhases: ["climb"]
        )
        let trend = Drift.Trend(first: 1, last: 2, perHour: 3, points: 600)
        report.drift = Drift(
            seconds: 600,
            memory: [.init(process: "order-service", rssBytes: trend)],
            p99Microseconds: trend
        )
        let json = try JSONSerialization.jsonObject(with: report.jsonData())
        var keys: Set<String> = []
        Self.keys(of: json, into: &keys)
        // Status codes and error kinds are map keys, not fields.
        keys.subtract(report.requests.flatMap { Array($0.statusCodes.keys) + Array($0.errorKinds.keys) })
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaFile))
        var described: Set<String> = []
        Self.keys(of: schema, into: &described)
        #expect(
            keys.subtracting(described).isEmpty,
            "not in docs/report-schema.json: \(keys.subtracting(described).sorted())"
        )
        let version = (schema as? [String: Any])?["properties"].flatMap { ($0 as? [String: Any])?["schemaVersion"] }
        #expect((version as? [String: Any])?["const"] as? Int == Report.currentSchemaVersion)
    }
}
