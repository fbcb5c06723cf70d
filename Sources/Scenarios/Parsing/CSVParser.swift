/// Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows, with the line of each row.
struct CSVParser {
    /// A row and the 1-based line it starts on.
    struct Row: Equatable {
        var fields: [String]
        var line: Int
    }

    /// Why the text is not CSV.
    struct Failure: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    private var rows: [Row] = []
    private var fields: [String] = []
    private var field = ""
    private var line = 1
    private var column = 0
    private var rowLine = 1
    private var quoted = false
    private var quoteClosed = false
    /// Where the open quote started, for an unterminated field.
    private var quoteStart = (line: 1, column: 1)

    static func parse(_ text: String) throws(Failure) -> [Row] {
        var parser = CSVParser()
        var characters = text.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            parser.column += 1
            if parser.quoted {
                if character == "\"", pending == "\"" {
                    parser.field.append("\"")
                    pending = characters.next()
                    parser.column += 1
                } else {
                    parser.consumeQuoted(character)
                }
            } else {
                try parser.consumeUnquoted(character)
            }
        }
        return try parser.finish()
    }

    private mutating func consumeQuoted(_ character: Character) {
        if character == "\"" {
            quoted = false
            quoteClosed = true
            return
        }
        if character == "\n" || character == "\r\n" {
            line += 1
            column = 0
        }
        field.append(character)
    }

    private mutating func consumeUnquoted(_ character: Character) throws(Failure) {
        switch character {
        case ",":
            fields.append(field)
            field = ""
            quoteClosed = false
        case "\n", "\r\n", "\r":
            endRow()
            line += 1
            column = 0
            rowLine = line
        case "\"" where field.isEmpty && !quoteClosed:
            quoted = true
            quoteStart = (line, column)
        default:
            guard !quoteClosed else {
                throw Failure(
                    line: line,
                    column: column,
                    message: "unexpected text after a closing quote; expected \",\" or the end of the line"
                )
            }
            guard character != "\"" else {
                throw Failure(
                    line: line,
                    column: column,
                    message: "a quote inside an unquoted field; quote the whole field and double the quote"
                )
            }
            field.append(character)
        }
    }

    /// Closes the current row; a line with nothing on it is skipped.
    private mutating func endRow() {
        fields.append(field)
        if !(fields.count == 1 && fields[0].isEmpty && !quoteClosed) { rows.append(Row(fields: fields, line: rowLine)) }
        fields = []
        field = ""
        quoteClosed = false
    }

    private mutating func finish() throws(Failure) -> [Row] {
        guard !quoted else {
            throw Failure(
                line: quoteStart.line,
                column: quoteStart.column,
                message: "unterminated quoted field: no closing quote"
            )
        }
        if !field.isEmpty || !fields.isEmpty || quoteClosed { endRow() }
        return rows
    }
}
