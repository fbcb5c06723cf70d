import Scenarios
import Testing

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)),
        ("1.5s", .milliseconds(1500)),
        ("2m", .seconds(120)),
        ("1h30m", .seconds(5400)),
        ("1m30s", .seconds(90)),
        ("500us", .microseconds(500)),
        ("500µs", .microseconds(500)),
        ("42ns", .nanoseconds(42)),
        ("0", .zero),
        (" 10s ", .seconds(10)),
    ])
    func parsesLiterals(text: String, expected: Duration) throws {
        #expect(try DurationParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("", DurationParser.Failure.empty),
        ("10", .missingUnit("10")),
        ("10 parsecs", .missingUnit("10 parsecs")),
        ("10d", .unknownUnit("d")),
        ("ms", .malformedNumber("ms")),
        ("1.2.3s", .malformedNumber("1.2.3s")),
    ])
    func refusesMalformedLiterals(text: String, expected: DurationParser.Failure) {
        #expect(throws: expected) { try DurationParser.parse(text) }
    }

    @Test func failureSaysWhatWasExpected() {
        #expect(DurationParser.Failure.unknownUnit("d").description.contains("ns, us, ms, s, m, h"))
    }
}
