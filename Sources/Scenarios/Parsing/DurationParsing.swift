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
        case outOfRange(String)

        public var description: String {
            switch self {
            case .empty: "expected a duration such as 250ms, 2s or 1m30s, found nothing"
            case .missingUnit(let text): "expected a unit (ns, us, ms, s, m, h) after the number in \"\(text)\""
            case .unknownUnit(let unit): "unknown duration unit \"\(unit)\"; expected one of ns, us, ms, s, m, h"
            case .malformedNumber(let text): "malformed number in duration \"\(text)\""
            case .outOfRange(let text): "duration \"\(text)\" is too long; expected at most a few years"
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
        let nanosecondsPerUnit: Double =
            switch unit {
            case "ns": 1
            case "us", "µs": 1e3
            case "ms": 1e6
            case "s": 1e9
            case "m": 6e10
            case "h": 3.6e12
            default: throw .unknownUnit(unit)
            }
        // Int64 nanoseconds reach about 292 years; anything longer is a typo, not a test plan.
        guard value * nanosecondsPerUnit < 9e18 else { throw .outOfRange("\(value.formatted())\(unit)") }
        return .nanoseconds(Int64((value * nanosecondsPerUnit).rounded()))
    }
}
