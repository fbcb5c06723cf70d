import Foundation

/// Reads the scalar literals of scenario and target files (integers, numbers and percentages, flags, durations)
/// with the messages every file reader uses, so a module that checks a scenario's raw values (the fault injector's
/// toxics) says what is wrong exactly as the loader would.
public enum ScalarText {
    /// Why a scalar was refused; `message` names what was expected and what was found.
    public struct Failure: Error, Sendable, Equatable {
        public let message: String

        public init(message: String) { self.message = message }
    }

    public static func integer(_ text: String, _ what: String, in range: ClosedRange<Int>) -> Result<Int, Failure> {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")),
            range.contains(value)
        else {
            return .failure(
                Failure(
                    message:
                        "expected \(what), an integer in \(range.lowerBound)...\(range.upperBound), found \"\(text)\""
                )
            )
        }
        return .success(value)
    }

    /// A number; `0.5%` means 0.005 unless `percentIsUnit` (for a value that is itself a percentage, `80%` = 80).
    public static func number(
        _ text: String,
        _ what: String,
        in range: ClosedRange<Double>,
        percentIsUnit: Bool = false
    ) -> Result<Double, Failure> {
        var literal = text.trimmingCharacters(in: .whitespaces)
        let percent = literal.hasSuffix("%")
        if percent { literal.removeLast() }
        guard var value = Double(literal), value.isFinite else {
            return .failure(Failure(message: "expected \(what), a number, found \"\(text)\""))
        }
        if percent, !percentIsUnit { value /= 100 }
        guard range.contains(value) else {
            return .failure(
                Failure(
                    message:
                        "expected \(what) in \(range.lowerBound.formatted())...\(range.upperBound.formatted()), found \"\(text)\""
                )
            )
        }
        return .success(value)
    }

    public static func flag(_ text: String, _ what: String) -> Result<Bool, Failure> {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on": .success(true)
        case "false", "no", "off": .success(false)
        default: .failure(Failure(message: "expected \(what), true or false, found \"\(text)\""))
        }
    }

    public static func duration(_ text: String, _ what: String, allowZero: Bool = false) -> Result<Duration, Failure> {
        do {
            let duration = try DurationParser.parse(text)
            guard duration > .zero || (allowZero && duration == .zero) else {
                return .failure(Failure(message: "expected \(what) greater than zero, found \"\(text)\""))
            }
            return .success(duration)
        } catch {
            return .failure(Failure(message: "\(what): \(error.description)"))
        }
    }

    public static func byteSize(_ text: String, _ what: String) -> Result<Int, Failure> {
        do {
            let size = try ByteSizeParser.parse(text)
            guard size > 0 else {
                return .failure(Failure(message: "expected \(what) greater than zero, found \"\(text)\""))
            }
            return .success(size)
        } catch {
            return .failure(Failure(message: "\(what): \(error.description)"))
        }
    }
}
