import Foundation

/// How numbers read in every human-facing output: latencies with their unit, rates, percentages, bytes.
enum Format {
    /// A latency given in microseconds: `850 µs`, `12.3 ms`, `1.25 s`.
    static func latency(_ microseconds: Double) -> String {
        if microseconds < 0 { return "−" + latency(-microseconds) }
        if microseconds < 1_000 { return "\(Int(microseconds.rounded())) µs" }
        if microseconds < 1_000_000 { return significant(microseconds / 1_000) + " ms" }
        return significant(microseconds / 1_000_000) + " s"
    }

    static func latency(_ microseconds: UInt64) -> String { latency(Double(microseconds)) }

    /// A fraction as a percentage: `0.12%`, `5%`.
    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        if value == 0 { return "0%" }
        if value < 0 { return "−" + percent(-fraction) }
        if value < 0.01 { return String(format: "%.4f%%", value) }
        return trimmed(String(format: "%.2f", value)) + "%"
    }

    /// A p-value as benchstat prints it: three decimals, and `< 0.001` below that.
    static func pValue(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value < 0.001 ? "< 0.001" : String(format: "%.3f", value)
    }

    /// A signed relative change: `+12.5%`, `-3%`, `+∞`.
    static func change(_ fraction: Double?) -> String {
        guard let fraction else { return "+∞" }
        return (fraction >= 0 ? "+" : "") + trimmed(String(format: "%.1f", fraction * 100)) + "%"
    }

    /// A count with thousands separated by thin spaces: `12 345`.
    static func count(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append("\u{2009}") }
            result.append(digit)
        }
        return result
    }

    static func rate(_ perSecond: Double) -> String { significant(perSecond) + "/s" }

    static func bytes(_ value: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var scaled = value
        var unit = 0
        while scaled >= 1024, unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        return significant(scaled) + " " + units[unit]
    }

    /// A value with three significant digits and no trailing zeros: `12.3`, `0.125`, `1234`.
    static func significant(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        let decimals = max(0, 2 - magnitude)
        return trimmed(String(format: "%.\(decimals)f", value))
    }

    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A margin in an SLO's unit, always signed: `+228 ms`, `−4.9 s`.
    static func margin(_ value: Double, _ unit: SLOUnit) -> String {
        (value >= 0 ? "+" : "−") + slo(abs(value), unit)
    }

    /// A value in an SLO's unit.
    static func slo(_ value: Double, _ unit: SLOUnit) -> String {
        switch unit {
        case .microseconds: latency(value)
        case .fraction: percent(value)
        case .perSecond: rate(value)
        case .count: significant(value)
        }
    }

    /// A comparison metric's value: latencies in µs, throughput per second, error rate as a fraction.
    static func metric(_ value: Double, _ metric: String) -> String {
        switch metric {
        case "throughput": rate(value)
        case "error-rate": percent(value)
        default: latency(value)
        }
    }

    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Text made safe for HTML and XML content and attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
