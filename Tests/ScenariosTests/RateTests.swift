import Scenarios
import Testing

@Suite struct RateTests {
    @Test(arguments: [
        ("500/s", 500.0), ("30/m", 0.5), ("5/100ms", 50.0), ("7200/h", 2.0), ("0/s", 0.0), ("2.5/s", 2.5),
    ])
    func parsesPerSecond(text: String, perSecond: Double) throws {
        #expect(try Rate.parse(text).perSecond == perSecond)
    }

    @Test(arguments: ["500", "/s", "abc/s", "5/", "5/0s", "5/parsec", "1/2/3"])
    func refusesMalformed(text: String) {
        #expect(throws: Rate.Failure.malformed(text)) { try Rate.parse(text) }
    }

    @Test func refusesNegative() {
        #expect(throws: Rate.Failure.negative("-5/s")) { try Rate.parse("-5/s") }
    }
}
