import Scenarios
import Testing

@Suite struct ByteSizeParserTests {
    @Test(arguments: [
        ("512MiB", 512 * 1024 * 1024),
        ("1GiB", 1 << 30),
        ("1.5GiB", 3 << 29),
        ("64KiB", 65_536),
        ("100MB", 100_000_000),
        ("1GB", 1_000_000_000),
        ("2kb", 2_000),
        ("4096", 4_096),
        ("10B", 10),
        (" 8 MiB ", 8 << 20),
    ])
    func parsesLiterals(text: String, expected: Int) throws {
        #expect(try ByteSizeParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("", ByteSizeParser.Failure.empty),
        ("MiB", .malformedNumber("MiB")),
        ("1.2.3MiB", .malformedNumber("1.2.3MiB")),
        ("10 parsecs", .unknownUnit("parsecs")),
        ("5Mb/s", .unknownUnit("Mb/s")),
        ("99999999TiB", .outOfRange("99999999TiB")),
    ])
    func refusesMalformedLiterals(text: String, expected: ByteSizeParser.Failure) {
        #expect(throws: expected) { try ByteSizeParser.parse(text) }
    }
}
