import Basics
import Histogram
import Profiler

/// The console's periodic line, over its own window (every second since the previous line): its rate, p99 and max
/// (a 1 s stall inside a 5 s window shows as a 1 s max, not as the last second's p99), its errors and dropped
/// iterations, the faults on, and a marker while an SLO is failing.
struct ConsoleWindow {
    private var latency = LatencyHistogram.latency()
    private var requests: UInt64 = 0
    private var errors: UInt64 = 0
    private var dropped: UInt64 = 0
    private var start: Double?

    /// Adds a second; returns nothing until `every` seconds are in, then the line for them.
    mutating func add(_ second: LiveSecond, every: Int) -> String? {
        if start == nil { start = second.start }
        if let recording = second.recording { latency.add(recording.overall.responseTime) }
        requests += second.requests
        errors += second.errors
        dropped += second.iterationsDropped
        let span = second.end - (start ?? second.start)
        guard span >= Double(every) - 0.05 else { return nil }
        defer { self = ConsoleWindow() }
        return Self.line(self, second: second, span: span)
    }

    private static func line(_ window: ConsoleWindow, second: LiveSecond, span: Double) -> String {
        let elapsed = Int(second.end.rounded(.down))
        let clock = "\(elapsed / 60)m" + (elapsed % 60 < 10 ? "0" : "") + "\(elapsed % 60)s"
        let answered = window.latency.totalCount > 0
        var parts = [
            clock,
            "phase \(second.phase)",
            "\(Int((Double(window.requests) / max(span, 0.001)).rounded())) req/s",
            "p99 \(answered ? milliseconds(window.latency.valueAtPercentile(99)) : "—")",
            "max \(answered ? milliseconds(window.latency.max) : "—")",
            "errors \(window.errors)",
        ]
        if window.dropped > 0 { parts.append("dropped \(window.dropped)") }
        let on = second.faults.filter { $0.end == nil }.map(\.description)
        if !on.isEmpty { parts.append("faults: " + on.joined(separator: ", ")) }
        let failing = second.slos.filter { $0.status == "failed" }.map(\.expression)
        if !failing.isEmpty { parts.append("SLO FAILING: " + failing.joined(separator: "; ")) }
        return parts.joined(separator: "  ")
    }

    static func milliseconds(_ microseconds: UInt64) -> String {
        let value = Double(microseconds) / 1_000
        return value < 10 ? "\((value * 100).rounded() / 100)ms" : "\(Int(value.rounded()))ms"
    }
}
