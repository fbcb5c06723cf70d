import Basics
import Foundation
import Scenarios

/// The wall-clock instant at which every segment of a distributed run begins its load (`--start-at`).
///
/// Written as RFC 3339 (`2026-12-01T15:30:00Z`, `2026-12-01T16:30:00.250+01:00`) or as a delay from now (`+30s`),
/// so a value stamped once at deploy time means the same instant on every machine whose clock is synchronised.
public struct StartInstant: Sendable, Equatable, CustomStringConvertible {
    public let date: Date

    public init(_ date: Date) {
        self.date = date
    }

    /// Why a `--start-at` value was refused.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Parses `text`; a relative `+D` counts from `now`.
    public init(parsing text: String, now: Date = Date()) throws(Failure) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("+") {
            do {
                self.init(now.addingTimeInterval(try DurationParser.parse(String(trimmed.dropFirst())).inSeconds))
            } catch {
                throw Failure(description: "--start-at \"\(text)\": \(error)")
            }
            return
        }
        guard let date = Self.rfc3339(trimmed) else {
            throw Failure(
                description: "--start-at \"\(text)\": expected an RFC 3339 instant such as 2026-12-01T15:30:00Z "
                    + "(a zone is required) or a delay from now such as +30s"
            )
        }
        self.init(date)
    }

    /// RFC 3339 with or without fractional seconds; a lower-case `t` or `z` and a space for `T` are allowed by it.
    static func rfc3339(_ text: String) -> Date? {
        let normalised =
            text.count > 10 && [" ", "t"].contains(text[text.index(text.startIndex, offsetBy: 10)])
            ? String(text.prefix(10)) + "T" + String(text.dropFirst(11)) : text
        let upper = normalised.hasSuffix("z") ? String(normalised.dropLast()) + "Z" : normalised
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime],
        ] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: upper) { return date }
        }
        return nil
    }

    /// The instant in RFC 3339, UTC, with milliseconds.
    public var description: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
