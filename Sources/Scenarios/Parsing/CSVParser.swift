/// Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows, with the line of each row.
enum CSVParser {
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

    static func parse(_ text: String) throws(Failure) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var column = 0
        var rowLine = 1
        var quoted = false
        var quoteClosed = false
        var characters = text.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            column += 1
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = characters.next()
                        column += 1
                    } else {
                        quoted = false
                        quoteClosed = true
                    }
                } else {
                    if character == "\n" || character == "\r\n" {
                        line += 1
                        column = 0
                    }
                    field.append(character)
                }
                continue
            }
            switch character {
            case ",":
                fields.append(field)
                field = ""
                quoteClosed = false
            case "\n", "\r\n", "\r":
                fields.append(field)
                if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(fields: fields, line: rowLine)) }
                fields = []
                field = ""
                quoteClosed = false
                line += 1
                column = 0
                rowLine = line
            case "\"" where field.isEmpty && !quoteClosed:
                quoted = true
            default:
                guard !quoteClosed else {
                    throw Failure(
                        line: line,
                        column: column,
                        message: "unexpected text after a closing quote; expected \",\" or the end of the line"
                    )
                }
                if character == "\"" {
                    throw Failure(
                        line: line,
                        column: column,
                        message: "a quote inside an unquoted field; quote the whole field and double the quote"
                    )
                }
                field.append(character)
            }
        }
        guard !quoted else { throw Failure(line: line, column: column, message: "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty || quoteClosed {
            fields.append(field)
            rows.append(Row(fields: fields, line: rowLine))
        }
        return rows
    }
}
