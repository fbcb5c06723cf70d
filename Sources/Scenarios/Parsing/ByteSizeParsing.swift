import Foundation

/// Parses byte sizes: `512MiB`, `1GiB`, `64KiB` (powers of 1024), `500MB`, `1GB` (powers of 1000), `4096` (bytes).
public enum ByteSizeParser {
    /// Why a size literal was refused.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(String)
        case unknownUnit(String)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .malformed(let text): "expected a size such as 512MiB, 1GiB or 500MB, found \"\(text)\""
            case .unknownUnit(let unit):
                "unknown size unit \"\(unit)\"; expected one of B, KB, MB, GB, TB, KiB, MiB, GiB, TiB"
            case .outOfRange(let text): "size \"\(text)\" is too large"
            }
        }
    }

    static let units: [String: Double] = [
        "": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
        "k": 0x400, "kib": 0x400, "m": 0x10_0000, "mib": 0x10_0000, "g": 0x4000_0000, "gib": 0x4000_0000,
        "tib": 0x100_0000_0000,
    ]

    public static func parse(_ text: String) throws(Failure) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numberEnd = trimmed.firstIndex { !($0.isNumber || $0 == ".") } ?? trimmed.endIndex
        let number = trimmed[..<numberEnd]
        let unit = trimmed[numberEnd...].trimmingCharacters(in: .whitespaces).lowercased()
        guard !number.isEmpty, let value = Double(number), value.isFinite else { throw .malformed(text) }
        guard let scale = units[unit] else { throw .unknownUnit(String(trimmed[numberEnd...])) }
        let bytes = (value * scale).rounded()
        guard bytes < Double(Int.max / 2) else { throw .outOfRange(text) }
        return Int(bytes)
    }
}
