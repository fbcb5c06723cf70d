/// The live progress line: elapsed time, phase, request rate, p99 and errors of the last second.
///
/// On a terminal it is redrawn in place; elsewhere it is printed as a plain log line every few seconds. Formatting
/// lives here so that it can be tested; printing stays in the executable.
public enum ProgressLine {
    public static func text(for summary: IntervalSummary) -> String {
        let elapsed = Int(summary.end.rounded(.down))
        let clock = "\(elapsed / 60)m" + (elapsed % 60 < 10 ? "0" : "") + "\(elapsed % 60)s"
        var parts = [
            clock,
            "phase \(summary.phase)",
            "\(Int(summary.requestRate.rounded())) req/s",
            "p99 \(milliseconds(summary.p99))",
            "errors \(summary.errors)",
        ]
        if summary.iterationsDropped > 0 { parts.append("dropped \(summary.iterationsDropped)") }
        return parts.joined(separator: "  ")
    }

    static func milliseconds(_ microseconds: UInt64) -> String {
        let value = Double(microseconds) / 1_000
        return value < 10 ? "\((value * 100).rounded() / 100)ms" : "\(Int(value.rounded()))ms"
    }
}
