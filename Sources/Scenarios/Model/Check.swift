import Basics
import Foundation

/// A condition on a response; when it does not hold the request counts as a `check failed` error.
public struct Check: Sendable {
    public var condition: Condition
    /// Where the check is declared, so a report can point at it.
    public var location: SourceLocation

    public init(_ condition: Condition, location: SourceLocation) {
        self.condition = condition
        self.location = location
    }

    /// What is checked.
    public enum Condition: Sendable, Equatable {
        /// `status: 200`, `status: [200, 201]`, `status: 2xx`.
        case status(StatusSet)
        /// `header: { ETag: { exists: true } }`, names compared case-insensitively.
        case header(name: String, HeaderCondition)
        /// `body: { contains: "ok" }`; the text may hold `${…}` holes, filled per iteration.
        case bodyContains(Template)
        /// `json: { $.status: { equals: "confirmed" } }` or `json: { $.id: { exists: true } }`.
        case json(JSONPath, JSONCondition)
    }

    /// A condition on one header's value; texts may hold `${…}` holes (a captured value, a data column).
    public enum HeaderCondition: Sendable, Equatable {
        case exists
        case absent
        case equals(Template)
        case contains(Template)
    }

    /// A condition on the value a JSON path selects.
    public enum JSONCondition: Sendable, Equatable {
        case exists
        case absent
        case equals(JSONValue)
        /// A string with `${…}` holes, such as `"${orderId}"`: the selected value must be that string, rendered
        /// with the iteration's values.
        case equalsText(Template)
    }
}

/// A set of HTTP status codes, written as single codes, classes (`2xx`) or inclusive ranges (`200-204`).
public struct StatusSet: Sendable, Equatable, CustomStringConvertible {
    public var ranges: [ClosedRange<Int>]

    public init(_ ranges: [ClosedRange<Int>]) {
        self.ranges = ranges
    }

    public func contains(_ status: Int) -> Bool {
        ranges.contains { $0.contains(status) }
    }

    public var description: String {
        ranges.map { range in
            if range.count == 1 { return "\(range.lowerBound)" }
            if range.count == 100, range.lowerBound % 100 == 0 { return "\(range.lowerBound / 100)xx" }
            return "\(range.lowerBound)-\(range.upperBound)"
        }.joined(separator: ", ")
    }

    /// Parses `200`, `2xx` or `200-299`; nil when the text is none of these.
    public static func parseElement(_ text: String) -> ClosedRange<Int>? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if text.count == 3, text.hasSuffix("xx"), let digit = Int(text.prefix(1)), (1...5).contains(digit) {
            return (digit * 100)...(digit * 100 + 99)
        }
        if let dash = text.firstIndex(of: "-"), let low = Int(text[..<dash]),
            let high = Int(text[text.index(after: dash)...]), (100...599).contains(low), (low...599).contains(high)
        {
            return low...high
        }
        if let code = Int(text), (100...599).contains(code) { return code...code }
        return nil
    }
}
