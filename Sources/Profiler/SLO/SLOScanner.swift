/// Splits an SLO expression into tokens, rejecting any character the grammar has no use for.
struct SLOScanner {
    let expression: String
    private let characters: [Character]
    private var position = 0

    init(_ expression: String) {
        self.expression = expression
        characters = Array(expression)
    }

    /// All tokens of the expression, in order.
    mutating func tokens() throws(SLOParseError) -> [SLOToken] {
        var tokens: [SLOToken] = []
        while let character = peek() {
            if character.isWhitespace {
                position += 1
            } else if character.isNumber {
                tokens.append(scanNumber())
            } else if Self.isWordStart(character) {
                tokens.append(scanWord())
            } else if character == ":" {
                tokens.append(SLOToken(kind: .colon, column: position + 1))
                position += 1
            } else if "<>=".contains(character) {
                tokens.append(try scanComparison())
            } else {
                throw error("unexpected character '\(character)'", at: position)
            }
        }
        return tokens
    }

    private func peek(_ offset: Int = 0) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    private static func isWordStart(_ character: Character) -> Bool { character.isLetter || character == "_" }

    private static func isWordPart(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "-_.".contains(character)
    }

    private mutating func scanWord() -> SLOToken {
        let start = position
        while let character = peek(), Self.isWordPart(character) { position += 1 }
        return SLOToken(kind: .word(String(characters[start..<position])), column: start + 1)
    }

    private mutating func scanNumber() -> SLOToken {
        let start = position
        while let character = peek(), character.isNumber || (character == "." && peek(1)?.isNumber == true) {
            position += 1
        }
        let digits = String(characters[start..<position])
        let unitStart = position
        while let character = peek(), character.isLetter || character == "%" || character == "/" { position += 1 }
        let unit = String(characters[unitStart..<position])
        let text = String(characters[start..<position])
        return SLOToken(kind: .number(Double(digits) ?? 0, unit: unit, text: text), column: start + 1)
    }

    private mutating func scanComparison() throws(SLOParseError) -> SLOToken {
        let start = position
        position += 1
        if peek() == "=" { position += 1 }
        let text = String(characters[start..<position])
        guard let comparison = SLOComparison(rawValue: text) else {
            throw error("'\(text)' is not an operator; use <, <=, >, >= or ==", at: start)
        }
        return SLOToken(kind: .comparison(comparison), column: start + 1)
    }

    private func error(_ message: String, at index: Int) -> SLOParseError {
        SLOParseError(expression: expression, column: index + 1, message: message)
    }
}
