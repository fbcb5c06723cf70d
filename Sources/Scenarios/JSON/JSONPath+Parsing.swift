extension JSONPath {
    /// Parses a path, or throws what was expected and where (offset in characters).
    public static func parse(_ text: String) throws(TemplateFailure) -> JSONPath {
        let characters = Array(text)
        guard characters.first == "$" else {
            throw TemplateFailure(offset: 0, message: "a JSON path starts with \"$\", as in $.token or $.items[0].id")
        }
        var components: [Component] = []
        var index = 1
        while index < characters.count {
            switch characters[index] {
            case ".":
                let start = index + 1
                index = start
                while index < characters.count, isNameCharacter(characters[index]) { index += 1 }
                guard index > start else {
                    throw TemplateFailure(
                        offset: start,
                        message: "expected a member name after \".\" in JSON path \(text)"
                    )
                }
                components.append(.key(String(characters[start..<index])))
            case "[":
                let (component, next) = try parseBracket(characters, from: index, text: text)
                components.append(component)
                index = next
            default:
                throw TemplateFailure(
                    offset: index,
                    message:
                        "unexpected \"\(characters[index])\" in JSON path \(text): expected \".name\" or \"[index]\""
                )
            }
        }
        return JSONPath(components: components, text: text)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-"
    }

    private static func parseBracket(
        _ characters: [Character],
        from open: Int,
        text: String
    ) throws(TemplateFailure) -> (Component, Int) {
        guard let close = characters[open...].firstIndex(of: "]") else {
            throw TemplateFailure(offset: open, message: "expected \"]\" to close \"[\" in JSON path \(text)")
        }
        let inside = String(characters[(open + 1)..<close])
        if let number = Int(inside) { return (.index(number), close + 1) }
        if inside.count >= 2, let quote = inside.first, quote == "'" || quote == "\"", inside.last == quote {
            return (.key(String(inside.dropFirst().dropLast())), close + 1)
        }
        throw TemplateFailure(
            offset: open + 1,
            message: "expected an integer index or a quoted name inside [ ] in JSON path \(text), found \"\(inside)\""
        )
    }
}
