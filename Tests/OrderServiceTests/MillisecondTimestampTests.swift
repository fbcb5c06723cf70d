import Foundation
import Testing

@testable import OrderService

/// Order timestamps are shown to the millisecond they were stored with, on every date.
@Suite struct MillisecondTimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_764_590_400_123, "2025-12-01T12:00:00.123Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (4_102_444_799_999, "2099-12-31T23:59:59.999Z"),
    ])
    func knownInstants(millis: Int64, text: String) {
        #expect(MillisecondTimestamp.text(millis) == text)
    }

    @Test func everyMillisecondOfASampleMatchesFoundationsCalendar() {
        var generator = SystemRandomNumberGenerator()
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
        for _ in 0..<2000 {
            let millis = Int64.random(in: 0..<4_102_444_800_000, using: &generator)
            // Whole seconds are exact as a Double, so Foundation's text of them is the reference.
            let seconds = Date(timeIntervalSince1970: Double(millis / 1000)).formatted(style)
            let expected = seconds.dropLast() + "." + String(format: "%03d", Int(millis % 1000)) + "Z"
            #expect(MillisecondTimestamp.text(millis) == expected, "\(millis)")
        }
    }
}
