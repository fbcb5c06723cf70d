import Foundation

/// Parses the duration literals scenario files use: `250ms`, `1.5s`, `2m`, `1h30m`, `500us`, `0`.
///
/// Units: `ns`, `us` (or `µs`), `ms`, `s`, `m`, `h`. Several terms may follow each other (`1m30s`), as in Go and k6.
public enum DurationParser {
    /// Why a duration literal was refused.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case missingUnit(String)
        case unknownUnit(String)
        case malformedNumber(String)

        public var description: String {
            switch self {
            case .empty: "expected a duration such as 250ms, 2s or 1m30s, found nothing"
            case .missingUnit(let text): "expected a unit (ns, us, ms, s, m, h) after the number in \"\(text)\""
            case .unknownUnit(let unit): "unknown duration unit \"\(unit)\"; expected one of ns, us, ms, s, m, h"
            case .malformedNumber(let text): "malformed number in duration \"\(text)\""
            }
        }
    }

    /// Returns the duration that `text` denotes, or throws a ``Failure`` that says what was expected.
    public static func parse(_ text: String) throws(Failure) -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed == "0" { return .zero }
        var total = Duration.zero
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number), value.isFinite else {
                throw .malformedNumber(trimmed)
            }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            guard !unit.isEmpty else { throw .missingUnit(trimmed) }
            rest = rest.dropFirst(unit.count)
            total += try scale(value, by: String(unit))
        }
        return total
    }

    private static func scale(_ value: Double, by unit: String) throws(Failure) -> Duration {
        switch unit {
        case "ns": .nanoseconds(Int64(value.rounded()))
        case "us", "µs": .nanoseconds(Int64((value * 1_000).rounded()))
        case "ms": .nanoseconds(Int64((value * 1_000_000).rounded()))
        case "s": .nanoseconds(Int64((value * 1_000_000_000).rounded()))
        case "m": .nanoseconds(Int64((value * 60_000_000_000).rounded()))
        case "h": .nanoseconds(Int64((value * 3_600_000_000_000).rounded()))
        default: throw .unknownUnit(unit)
        }
    }
}
