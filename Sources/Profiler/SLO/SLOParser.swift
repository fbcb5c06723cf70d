/// Parses SLO expressions (grammar in ``SLOExpression``) into typed values, with errors that point at the column.
public enum SLOParser {
    static let metricNames = "p50, p99, p99.9, mean, min, max, error-rate, rps or count"

    /// Parses one expression.
    public static func parse(_ text: String) throws(SLOParseError) -> SLOExpression {
        var scanner = SLOScanner(text)
        var cursor = SLOCursor(tokens: try scanner.tokens(), expression: text)
        guard !cursor.atEnd else { throw cursor.error("the expression is empty; expected for example 'p99 < 250ms'") }
        let scope = try parseScope(&cursor)
        let (request, metric) = try parseSubject(&cursor)
        let comparison = try parseComparison(&cursor, after: metric)
        let threshold = try parseThreshold(&cursor, for: metric)
        var abortOnFail = false
        if case .word("abort-on-fail") = cursor.current?.kind {
            abortOnFail = true
            cursor.advance()
        }
        if let extra = cursor.current {
            throw cursor.error("unexpected '\(extra.text)' after the threshold; only 'abort-on-fail' may follow it")
        }
        return SLOExpression(
            text: text,
            scope: scope,
            request: request,
            metric: metric,
            comparison: comparison,
            threshold: threshold,
            abortOnFail: abortOnFail
        )
    }

    private static func parseScope(_ cursor: inout SLOCursor) throws(SLOParseError) -> SLOScope {
        guard let colon = cursor.tokens.firstIndex(where: { $0.kind == .colon }) else { return .wholeRun }
        let words = cursor.tokens[..<colon].map(\.text)
        let scope: SLOScope? =
            switch words {
            case ["before", "faults"]: .beforeFaults
            case ["during", "faults"]: .duringFaults
            case ["after", "faults"]: .afterFaults
            case let words where words.count == 2 && words[0] == "phase": .phase(words[1])
            default: nil
            }
        guard let scope else {
            throw cursor.error(
                "unknown scope '\(words.joined(separator: " "))'; "
                    + "expected 'before faults:', 'during faults:', 'after faults:' or 'phase NAME:'"
            )
        }
        cursor.index = colon + 1
        return scope
    }

    private static func parseSubject(_ cursor: inout SLOCursor) throws(SLOParseError) -> (String?, SLOMetric) {
        guard case .word(let first) = cursor.current?.kind else {
            throw cursor.error("expected a metric (\(metricNames)) or a request name, found \(cursor.found)")
        }
        // A metric word followed by another word is a request named like a metric (`max p99 < 1s`).
        if let metric = try metric(named: first, cursor: cursor), !(cursor.peek?.isWord ?? false) {
            cursor.advance()
            return (nil, metric)
        }
        cursor.advance()
        guard case .word(let second) = cursor.current?.kind, let metric = try metric(named: second, cursor: cursor)
        else {
            throw cursor.error("expected a metric (\(metricNames)) after request '\(first)', found \(cursor.found)")
        }
        cursor.advance()
        return (first, metric)
    }

    /// The metric a word names, nil when it names none; throws for a percentile out of range.
    private static func metric(named word: String, cursor: SLOCursor) throws(SLOParseError) -> SLOMetric? {
        switch word {
        case "mean": return .mean
        case "min": return .min
        case "max": return .max
        case "error-rate": return .errorRate
        case "rps": return .throughput
        case "count": return .count
        default:
            guard word.hasPrefix("p"), let value = Double(word.dropFirst()), word.dropFirst().first?.isNumber == true
            else { return nil }
            guard value > 0, value <= 100 else {
                throw cursor.error("percentile \(word) is out of range; it must be above p0 and at most p100")
            }
            return .percentile(value)
        }
    }

    private static func parseComparison(_ cursor: inout SLOCursor, after metric: SLOMetric) throws(SLOParseError)
        -> SLOComparison
    {
        guard case .comparison(let comparison) = cursor.current?.kind else {
            throw cursor.error("expected an operator (<, <=, >, >=, ==) after \(metric), found \(cursor.found)")
        }
        cursor.advance()
        return comparison
    }
}

extension SLOToken {
    var isWord: Bool {
        if case .word = kind { return true }
        return false
    }
}
