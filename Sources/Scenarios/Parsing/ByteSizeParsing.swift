import Foundation

/// Parses the byte sizes scenario files and commands use: `512MiB`, `1GiB`, `1.5GB`, `4096`, `64KiB`.
///
/// Binary units `KiB`, `MiB`, `GiB`, `TiB` are powers of 1024; decimal units `KB`, `MB`, `GB`, `TB` powers of 1000
/// (so `1GB` and `1GiB` differ by 7 %, as they do on every disk label). `B` or no unit means bytes. Units are
/// case-sensitive only where it matters: `kb`, `Kb` and `KB` all mean 1000 bytes; `b` means bytes, never bits.
public enum ByteSizeParser {
    /// Why a size literal was refused.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case malformedNumber(String)
        case unknownUnit(String)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .empty: "expected a size such as 512MiB, 1GiB or 100MB, found nothing"
            case .malformedNumber(let text): "malformed number in size \"\(text)\""
            case .unknownUnit(let unit):
                "unknown size unit \"\(unit)\"; expected one of B, KiB, MiB, GiB, TiB, KB, MB, GB, TB"
            case .outOfRange(let text): "size \"\(text)\" is too large"
            }
        }
    }

    /// Returns the number of bytes that `text` denotes, rounded to a whole byte.
    public static func parse(_ text: String) throws(Failure) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        let number = trimmed.prefix { $0.isNumber || $0 == "." }
        guard !number.isEmpty, let value = Double(number), value.isFinite else { throw .malformedNumber(trimmed) }
        let unit = trimmed.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        let scale: Double =
            switch unit.lowercased() {
            case "", "b": 1
            case "kib": 1024
            case "mib": 1024 * 1024
            case "gib": 1024 * 1024 * 1024
            case "tib": 1024 * 1024 * 1024 * 1024
            case "kb": 1e3
            case "mb": 1e6
            case "gb": 1e9
            case "tb": 1e12
            default: throw .unknownUnit(unit)
            }
        let bytes = (value * scale).rounded()
        guard bytes < 9e18 else { throw .outOfRange(trimmed) }
        return Int(bytes)
    }
}
