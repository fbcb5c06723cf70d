extension SLOParser {
    /// Reads the threshold and converts it to the metric's canonical unit, rejecting units that do not fit.
    static func parseThreshold(_ cursor: inout SLOCursor, for metric: SLOMetric) throws(SLOParseError) -> Double {
        guard case .number(let value, let unit, let text) = cursor.current?.kind else {
            throw cursor.error("expected a number after the operator, found \(cursor.found)")
        }
        let converted: Double
        switch metric.unit {
        case .microseconds:
            guard let scale = ["us": 1.0, "µs": 1.0, "ms": 1_000.0, "s": 1_000_000.0][unit] else {
                let problem = unit.isEmpty ? "has no unit" : "has unit '\(unit)'"
                throw cursor.error("\(metric) threshold '\(text)' \(problem); write it with us, ms or s, like 250ms")
            }
            converted = value * scale
        case .fraction:
            if unit == "%" {
                guard value <= 100 else { throw cursor.error("error-rate '\(text)' is above 100%") }
                converted = value / 100
            } else {
                guard unit.isEmpty else {
                    throw cursor.error(
                        "error-rate threshold '\(text)' has unit '\(unit)'; use % or a fraction like 0.01"
                    )
                }
                guard value <= 1 else {
                    throw cursor.error("error-rate '\(text)' is above 1 as a fraction; write \(text)% for a percentage")
                }
                converted = value
            }
        case .perSecond:
            guard unit.isEmpty || unit == "/s" else {
                throw cursor.error("rps threshold '\(text)' has unit '\(unit)'; write a number of requests per second")
            }
            converted = value
        case .count:
            guard unit.isEmpty else { throw cursor.error("count threshold '\(text)' must be a plain number") }
            converted = value
        }
        cursor.advance()
        return converted
    }
}

/// A position in the token list of one expression, and the errors that point at it.
struct SLOCursor {
    let tokens: [SLOToken]
    let expression: String
    var index = 0

    var current: SLOToken? { index < tokens.count ? tokens[index] : nil }
    var peek: SLOToken? { index + 1 < tokens.count ? tokens[index + 1] : nil }
    var atEnd: Bool { index >= tokens.count }

    /// The current token quoted, or "the end" when there is none.
    var found: String { current.map { "'\($0.text)'" } ?? "the end" }

    mutating func advance() { index += 1 }

    /// An error at the current token, or just past the end of the expression.
    func error(_ message: String) -> SLOParseError {
        let column = current?.column ?? (expression.count + 1)
        return SLOParseError(expression: expression, column: column, message: message)
    }
}
