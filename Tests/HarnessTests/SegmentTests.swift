import Harness
import Testing

@Suite struct SegmentTests {
    @Test(arguments: ["1/1", "1/4", "4/4", "3/7"])
    func parsesValidSegments(text: String) throws {
        #expect(try Segment(parsing: text).description == text)
    }

    @Test(arguments: ["0/4", "5/4", "1/0", "a/b", "1/", "/4", "1/2/3", "-1/4", ""])
    func refusesInvalidSegments(text: String) {
        #expect(throws: Segment.Failure(text: text)) { try Segment(parsing: text) }
    }

    @Test(arguments: [1, 2, 3, 5, 7, 50, 101])
    func sharesAddUpToTheWhole(parts: Int) throws {
        for total in [0, 1, 3, 10, 99, 1000] {
            let shares = try (1...parts).map { try Segment(parsing: "\($0)/\(parts)").share(of: total) }
            #expect(shares.reduce(0, +) == total)
            #expect((shares.max() ?? 0) - (shares.min() ?? 0) <= 1)
        }
    }
}
