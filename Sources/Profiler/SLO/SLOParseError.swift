/// Why an SLO expression did not parse: the expression, the 1-based column, and what was expected there.
public struct SLOParseError: Error, Equatable, CustomStringConvertible {
    public let expression: String
    public let column: Int
    public let message: String

    /// The message, the expression, and a caret under the column.
    public var description: String {
        let caret = String(repeating: " ", count: max(column - 1, 0)) + "^"
        return "invalid SLO \"\(expression)\": \(message) (column \(column))\n  \(expression)\n  \(caret)"
    }
}
