import Basics
import Foundation

/// An arrival rate such as `500/s`, `30/m` or `2/100ms`: a count of events per time unit.
public struct Rate: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Events per `per`.
    public var count: Double
    /// The time unit the count refers to.
    public var per: Duration

    public init(count: Double, per: Duration = .seconds(1)) {
        self.count = count
        self.per = per
    }

    /// Events per second.
    public var perSecond: Double {
        count / per.inSeconds
    }

    public var description: String { "\(count.formatted())/\(per)" }

    /// Why a rate literal was refused.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case malformed(String)
        case negative(String)

        public var description: String {
            switch self {
            case .malformed(let text): "expected a rate such as 50/s, 30/m or 5/100ms, found \"\(text)\""
            case .negative(let text): "a rate must not be negative, found \"\(text)\""
            }
        }
    }

    /// Parses `N/unit` where unit is `s`, `m`, `h` or any duration literal (`100ms`).
    public static func parse(_ text: String) throws(Failure) -> Rate {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Double(parts[0].trimmingCharacters(in: .whitespaces)), count.isFinite else {
            throw .malformed(text)
        }
        guard count >= 0 else { throw .negative(text) }
        var unit = parts[1].trimmingCharacters(in: .whitespaces)
        if let first = unit.first, first.isLetter { unit = "1" + unit }
        guard let per = try? DurationParser.parse(unit), per > .zero else { throw .malformed(text) }
        return Rate(count: count, per: per)
    }
}
