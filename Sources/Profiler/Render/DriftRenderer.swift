/// The drift of a long run in one sentence, shared by the HTML page, the Markdown summary and the console.
public enum DriftRenderer {
    public static func render(_ drift: Drift) -> String {
        var parts: [String] = []
        for memory in drift.memory {
            let trend = memory.rssBytes
            parts.append(
                "\(memory.process) RSS \(mebibytes(trend.first)) → \(mebibytes(trend.last)) MiB"
                    + " (\(signed(trend.perHour / 1_048_576)) MiB/h)"
            )
        }
        if let p99 = drift.p99Microseconds {
            parts.append(
                "p99 \(milliseconds(p99.first)) → \(milliseconds(p99.last)) ms (\(signed(p99.perHour / 1000)) ms/h)"
            )
        }
        let minutes = Format.significant(drift.seconds / 60)
        guard !parts.isEmpty else { return "Drift over \(minutes) min: too few samples to fit a trend." }
        return "Drift over \(minutes) min, first tenth → last tenth (least-squares slope): "
            + parts.joined(separator: "; ") + "."
    }

    private static func mebibytes(_ bytes: Double) -> String { Format.significant(bytes / 1_048_576) }

    private static func milliseconds(_ micros: Double) -> String { Format.significant(micros / 1000) }

    private static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "−") + Format.significant(abs(value))
    }
}
