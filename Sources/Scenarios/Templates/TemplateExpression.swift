import Foundation

/// Parses the inside of one `${…}`: a variable (`token`, `users.username`) or a built-in call (`randomInt(1, 100)`).
enum TemplateExpression {
    static func parse(_ body: String, resolve: (String) -> Int?) -> Result<Template.Segment, TemplateFailure> {
        let leading = body.unicodeScalars.prefix { $0 == " " }.count
        let text = body.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            return .failure(
                TemplateFailure(offset: 0, message: "empty \"${}\": expected a variable or a function call")
            )
        }
        if let open = text.firstIndex(of: "(") {
            return parseCall(text, open: open).map { .function($0) }.mapError {
                TemplateFailure(offset: leading + $0.offset, message: $0.message)
            }
        }
        guard isVariableName(text) else {
            return .failure(
                TemplateFailure(
                    offset: leading,
                    message: "\"\(text)\" is not a variable name: expected a name such as token or users.username"
                )
            )
        }
        guard let slot = resolve(text) else {
            return .failure(
                TemplateFailure(
                    offset: leading,
                    message: "unknown variable \"\(text)\": expected a value captured by an earlier step, "
                        + "a data column (source.column) or a function such as uuid()"
                )
            )
        }
        return .success(.variable(slot: slot, name: text))
    }

    static func isVariableName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else {
                return false
            }
            return part.unicodeScalars.allSatisfy {
                $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
            }
        }
    }

    private static func parseCall(_ text: String, open: String.Index) -> Result<TemplateFunction, TemplateFailure> {
        let name = String(text[..<open]).trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix(")") else {
            return .failure(
                TemplateFailure(offset: text.unicodeScalars.count, message: "expected \")\" to close \(name)(")
            )
        }
        let inside = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        let arguments: [String]
        switch splitArguments(inside) {
        case .success(let parsed): arguments = parsed
        case .failure(let failure):
            let offset =
                text.unicodeScalars.distance(
                    from: text.unicodeScalars.startIndex,
                    to: open.samePosition(in: text.unicodeScalars)!
                ) + 1
            return .failure(TemplateFailure(offset: offset + failure.offset, message: failure.message))
        }
        return TemplateFunction.make(name: name, arguments: arguments).mapError {
            TemplateFailure(offset: 0, message: $0.message)
        }
    }

    /// Splits `a, "b, c", 3` on commas outside quotes; quoted arguments lose their quotes.
    static func splitArguments(_ text: String) -> Result<[String], TemplateFailure> {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return .success([]) }
        var arguments: [String] = []
        var current = ""
        var quote: Character?
        var wasQuoted = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                if current.allSatisfy(\.isWhitespace) { current = "" }
                quote = character
                wasQuoted = true
            } else if character == "," {
                arguments.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
                current = ""
                wasQuoted = false
            } else if !(wasQuoted && character == " ") {
                current.append(character)
            }
        }
        guard quote == nil else {
            return .failure(TemplateFailure(offset: text.unicodeScalars.count, message: "unterminated quoted argument"))
        }
        arguments.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
        return .success(arguments)
    }
}

extension TemplateFunction {
    /// The function a call names, or what was expected instead.
    static func make(name: String, arguments: [String]) -> Result<TemplateFunction, TemplateFailure> {
        func failure(_ message: String) -> Result<TemplateFunction, TemplateFailure> {
            .failure(TemplateFailure(offset: 0, message: message))
        }
        switch name {
        case "uuid", "seq", "timestamp":
            guard arguments.isEmpty else { return failure("\(name)() takes no arguments, found \(arguments.count)") }
            return .success(name == "uuid" ? .uuid : name == "seq" ? .sequence : .timestamp(.ms))
        case "now":
            guard arguments.count <= 1 else { return failure("now() takes at most one argument: s, ms, us or ns") }
            guard let unit = TimeUnit(rawValue: arguments.first ?? "ms") else {
                return failure("now(\(arguments[0])): expected a unit s, ms, us or ns")
            }
            return .success(.timestamp(unit))
        case "randomInt":
            guard arguments.count == 2, let low = Int(arguments[0]), let high = Int(arguments[1]) else {
                return failure("randomInt expects two integers, as in randomInt(1, 100)")
            }
            guard low <= high else {
                return failure("randomInt(\(low), \(high)): the first bound must not exceed the second")
            }
            return .success(.randomInt(low, high))
        case "randomChoice":
            guard !arguments.isEmpty else {
                return failure("randomChoice expects at least one argument, as in randomChoice(a, b)")
            }
            return .success(.randomChoice(arguments.map { Array($0.utf8) }))
        default:
            let hint = Suggestion.closest(to: name, among: names).map { "; did you mean \($0)()?" } ?? ""
            return failure(
                "unknown function \"\(name)\": expected one of uuid, randomInt, randomChoice, seq, timestamp, now\(hint)"
            )
        }
    }
}
