/// A strict JSON parser (RFC 8259) that keeps key order and says where it stopped, as `line:column`.
///
/// Foundation's parsers lose key order and, on Linux, the position of a syntax error; an importer needs both.
public struct JSONTreeParser {
    /// Where and why the text is not JSON.
    public struct Failure: Error, Sendable, Equatable {
        public let line: Int
        public let column: Int
        public let message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Parses `text` whole: one value, then only whitespace.
    public static func parse(_ text: String) throws(Failure) -> JSONTree {
        var parser = JSONTreeParser(bytes: Array(text.utf8))
        // A byte-order mark is allowed before the value, as browsers sometimes write one.
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("expected the end of the document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Failure(line: line, column: column, message: message)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func value() throws(Failure) -> JSONTree {
        guard let byte = current else { throw failure("expected a value, found the end of the document") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure(Self.expectedValue + ", found \(foundWord)")
        }
    }

    private static let expectedValue = "expected a JSON value (object, array, string, number, true, false or null)"

    /// The text at the current position, as far as the next space or punctuation, for "found …".
    private var foundWord: String {
        let word = bytes[index...].prefix { byte in
            !(byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || Array(",:[]{}\"".utf8).contains(byte))
        }.prefix(24)
        return word.isEmpty
            ? "\"\(String(decoding: bytes[index...].prefix(1), as: UTF8.self))\""
            : "\"\(String(decoding: word, as: UTF8.self))\""
    }

    private mutating func literal(_ word: String, _ value: JSONTree) throws(Failure) -> JSONTree {
        let expected = Array(word.utf8)
        // `not json` starts like `null`: say what a value may be, not only the one word it began like.
        guard bytes[index...].starts(with: expected) else { throw failure(Self.expectedValue + ", found \(foundWord)") }
        index += expected.count
        return value
    }

    private mutating func nested<T>(_ body: (inout JSONTreeParser) throws(Failure) -> T) throws(Failure) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 512 else { throw failure("nested deeper than 512 levels") }
        return try body(&self)
    }

    private mutating func object() throws(Failure) -> JSONTree {
        try nested { (parser: inout JSONTreeParser) throws(Failure) -> JSONTree in
            parser.index += 1
            var members: [(key: String, value: JSONTree)] = []
            parser.skipWhitespace()
            if parser.current == UInt8(ascii: "}") {
                parser.index += 1
                return .object(members)
            }
            while true {
                parser.skipWhitespace()
                guard parser.current == UInt8(ascii: "\"") else { throw parser.failure("expected a key in quotes") }
                let key = try parser.string()
                parser.skipWhitespace()
                guard parser.current == UInt8(ascii: ":") else { throw parser.failure("expected \":\" after a key") }
                parser.index += 1
                parser.skipWhitespace()
                members.append((key, try parser.value()))
                parser.skipWhitespace()
                switch parser.current {
                case UInt8(ascii: ","): parser.index += 1
                case UInt8(ascii: "}"):
                    parser.index += 1
                    return .object(members)
                default: throw parser.failure("expected \",\" or \"}\" in an object")
                }
            }
        }
    }

    private mutating func array() throws(Failure) -> JSONTree {
        try nested { (parser: inout JSONTreeParser) throws(Failure) -> JSONTree in
            parser.index += 1
            var items: [JSONTree] = []
            parser.skipWhitespace()
            if parser.current == UInt8(ascii: "]") {
                parser.index += 1
                return .array(items)
            }
            while true {
                parser.skipWhitespace()
                items.append(try parser.value())
                parser.skipWhitespace()
                switch parser.current {
                case UInt8(ascii: ","): parser.index += 1
                case UInt8(ascii: "]"):
                    parser.index += 1
                    return .array(items)
                default: throw parser.failure("expected \",\" or \"]\" in an array")
                }
            }
        }
    }

    private mutating func number() throws(Failure) -> JSONTree {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        func digits(_ parser: inout JSONTreeParser) -> Int {
            let from = parser.index
            while let byte = parser.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                parser.index += 1
            }
            return parser.index - from
        }
        guard digits(&self) > 0 else { throw failure("expected a digit") }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw failure("expected a digit after \".\"") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw failure("expected a digit in the exponent") }
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw failure("expected a closing quote") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escaped = current else { throw failure("expected an escape after \"\\\"") }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), bytes[index...].starts(with: [0x5C, 0x75]) {
                        index += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    out += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                default:
                    index -= 1
                    throw failure("expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after \"\\\"")
                }
            case 0..<0x20: throw failure("expected no control character inside a string (escape it)")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("expected four hex digits after \\u") }
        index += 4
        return value
    }
}
