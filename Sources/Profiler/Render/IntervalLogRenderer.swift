import Foundation

/// A standard HdrHistogram interval log (`.hlog`, format 1.3) of a report's per-second response times.
///
/// One untagged line per second for all requests, then one `Tag=NAME` line per request name; interval maxima are in
/// milliseconds (`maxValueUnitRatio` 1000 over our microseconds), so `HistogramLogProcessor` reads it as usual.
public enum IntervalLogRenderer {
    public static func render(_ report: Report) -> String {
        let start = report.run.startedAt.timeIntervalSince1970
        var lines = [
            "#[Histogram log format version 1.3]",
            "#[StartTime: \(String(format: "%.3f", start)) (seconds since epoch), \(Format.date(report.run.startedAt))]",
            "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"",
        ]
        for slice in report.timeline {
            for statistics in [slice.overall] + slice.requests {
                let tag =
                    statistics.name == RequestSummary.overallName
                    ? ""
                    : "Tag=\(statistics.name.map { ",\n\r ".contains($0) ? "_" : $0 }.reduce("") { $0 + String($1) }),"
                let fields = [
                    String(format: "%.3f", slice.start),
                    String(format: "%.3f", slice.end - slice.start),
                    String(format: "%.3f", Double(statistics.max) / 1_000),
                    statistics.responseTime,
                ]
                lines.append(tag + fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
