import Basics

/// A small strict JSON parser over bytes, for response bodies: no Foundation, depth-limited so hostile input cannot
/// exhaust the stack.
public struct JSONParser {
    /// Why a body is not JSON: the byte offset and what was expected.
    public struct Failure: Error, Equatable, Sendable {
        public var offset: Int
        public var message: String
    }

    /// Nesting deeper than this is refused rather than recursed into.
    public static let maximumDepth = 256

    let bytes: [UInt8]
    var index = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one JSON document; trailing whitespace is allowed, anything else after it is not.
    public static func parse(_ body: some Collection<UInt8>) throws(Failure) -> JSONValue {
        var parser = JSONParser(Array(body))
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("expected the end of the document") }
        return value
    }

    func failure(_ message: String) -> Failure {
        Failure(offset: index, message: message)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth)") }
        skipWhitespace()
        guard index < bytes.count else { throw failure("expected a value, found the end") }
        switch bytes[index] {
        case 0x7B: return try parseObject(depth: depth)
        case 0x5B: return try parseArray(depth: depth)
        case 0x22: return .string(try parseString())
        case 0x74: return try parseLiteral("true", .bool(true))
        case 0x66: return try parseLiteral("false", .bool(false))
        case 0x6E: return try parseLiteral("null", .null)
        default: return try parseNumber()
        }
    }

    private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws(Failure) -> JSONValue {
        let utf8 = Array(word.utf8)
        guard bytes.count - index >= utf8.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else {
            throw failure("expected \(word)")
        }
        index += utf8.count
        return value
    }

    private mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = index
        while index < bytes.count,
            [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains(bytes[index]) || (0x30...0x39).contains(bytes[index])
        {
            index += 1
        }
        guard index > start, let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            index = start
            throw failure("expected a value (object, array, string, number, true, false or null)")
        }
        return .number(number)
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x5D {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("expected \",\" or \"]\", found the end") }
            let byte = bytes[index]
            index += 1
            if byte == 0x5D { return .array(elements) }
            guard byte == 0x2C else { throw failure("expected \",\" or \"]\" in an array") }
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x7D {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x22 else { throw failure("expected a quoted member name") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x3A else { throw failure("expected \":\" after a member name") }
            index += 1
            members[key] = try parseValue(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw failure("expected \",\" or \"}\", found the end") }
            let byte = bytes[index]
            index += 1
            if byte == 0x7D { return .object(members) }
            guard byte == 0x2C else { throw failure("expected \",\" or \"}\" in an object") }
        }
    }
}
