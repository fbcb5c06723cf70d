import Profiler
import Testing

@Suite struct SLOParserTests {
    @Test(
        arguments: [
            ("p99 < 250ms", SLOScope.wholeRun, nil, SLOMetric.percentile(99), SLOComparison.less, 250_000.0, false),
            ("p99.9 <= 1s", .wholeRun, nil, .percentile(99.9), .lessOrEqual, 1_000_000, false),
            ("create-order p95 < 100ms", .wholeRun, "create-order", .percentile(95), .less, 100_000, false),
            ("error-rate < 0.1%", .wholeRun, nil, .errorRate, .less, 0.001, false),
            ("error-rate<0.02", .wholeRun, nil, .errorRate, .less, 0.02, false),
            ("rps >= 400", .wholeRun, nil, .throughput, .greaterOrEqual, 400, false),
            ("rps > 10/s", .wholeRun, nil, .throughput, .greater, 10, false),
            ("during faults: error-rate < 5%", .duringFaults, nil, .errorRate, .less, 0.05, false),
            ("after faults: p99 < 300ms", .afterFaults, nil, .percentile(99), .less, 300_000, false),
            ("before faults: login mean < 20ms", .beforeFaults, "login", .mean, .less, 20_000, false),
            ("phase steady: max < 2s abort-on-fail", .phase("steady"), nil, .max, .less, 2_000_000, true),
            ("min >= 500us", .wholeRun, nil, .min, .greaterOrEqual, 500, false),
            ("count == 1200", .wholeRun, nil, .count, .equal, 1_200, false),
            ("login p50 < 1.5ms", .wholeRun, "login", .percentile(50), .less, 1_500, false),
        ] as [(String, SLOScope, String?, SLOMetric, SLOComparison, Double, Bool)]
    )
    func parsesEveryForm(
        text: String,
        scope: SLOScope,
        request: String?,
        metric: SLOMetric,
        comparison: SLOComparison,
        threshold: Double,
        abort: Bool
    ) throws {
        let expression = try SLOParser.parse(text)
        #expect(expression.scope == scope)
        #expect(expression.request == request)
        #expect(expression.metric == metric)
        #expect(expression.comparison == comparison)
        #expect(abs(expression.threshold - threshold) < 1e-9)
        #expect(expression.abortOnFail == abort)
        #expect(expression.text == text)
    }

    @Test(arguments: [
        ("", 1, "the expression is empty"),
        ("p99 < 250ms!", 12, "unexpected character '!'"),
        ("p99 => 250ms", 5, "'=' is not an operator"),
        ("sometime: p99 < 1s", 1, "unknown scope 'sometime'"),
        ("during: p99 < 1s", 1, "unknown scope 'during'"),
        ("< 250ms", 1, "expected a metric (p50, p99, p99.9, mean, min, max, error-rate, rps or count) or a request"),
        ("login fast < 1s", 7, "expected a metric (p50, p99, p99.9, mean, min, max, error-rate, rps or count) after"),
        ("p101 < 1s", 1, "percentile p101 is out of range"),
        ("p99 250ms", 5, "expected an operator (<, <=, >, >=, ==) after p99, found '250ms'"),
        ("p99 <", 6, "expected a number after the operator, found the end"),
        ("p99 < fast", 7, "expected a number after the operator, found 'fast'"),
        ("p99 < 250", 7, "p99 threshold '250' has no unit"),
        ("mean < 3kg", 8, "mean threshold '3kg' has unit 'kg'"),
        ("error-rate < 5", 14, "is above 1 as a fraction; write 5% for a percentage"),
        ("error-rate < 120%", 14, "error-rate '120%' is above 100%"),
        ("error-rate < 1ms", 14, "has unit 'ms'; use % or a fraction"),
        ("rps > 5ms", 7, "rps threshold '5ms' has unit 'ms'"),
        ("count > 5%", 9, "count threshold '5%' must be a plain number"),
        ("p99 < 1s please", 10, "unexpected 'please' after the threshold"),
    ])
    func errorsSayWhatAndWhere(text: String, column: Int, message: String) {
        #expect {
            _ = try SLOParser.parse(text)
        } throws: { error in
            guard let error = error as? SLOParseError else { return false }
            return error.column == column && error.message.contains(message) && error.expression == text
        }
    }

    @Test func errorDescriptionQuotesTheInputAndPointsAtTheColumn() {
        do {
            _ = try SLOParser.parse("p99 < fast")
            Issue.record("expected an error")
        } catch {
            let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[0].hasPrefix("invalid SLO \"p99 < fast\": expected a number"))
            #expect(lines[1] == "  p99 < fast")
            #expect(lines[2] == "        ^")
        }
    }
}
