import NIOCore

/// One value of Redis's protocol (RESP2): what a command's reply is made of.
enum RESPValue: Sendable, Equatable {
    case simpleString(String)
    case error(String)
    case integer(Int)
    /// A bulk string; nil is RESP's null bulk string (a missing key).
    case bulkString([UInt8]?)
    /// An array; nil is RESP's null array.
    case array([RESPValue]?)

    /// The value as text, for simple and bulk strings; nil otherwise.
    var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulkString(let bytes?): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }
}

extension RESPValue {
    /// Appends a command (an array of bulk strings, the only form Redis accepts from clients) to `buffer`.
    static func writeCommand(_ arguments: [String], into buffer: inout ByteBuffer) {
        buffer.writeString("*\(arguments.count)\r\n")
        for argument in arguments {
            buffer.writeString("$\(argument.utf8.count)\r\n")
            buffer.writeString(argument)
            buffer.writeString("\r\n")
        }
    }

    /// Reads one whole value from the front of `buffer`; nil (the buffer untouched) until all its bytes are there.
    static func read(from buffer: inout ByteBuffer) throws(RESPProtocolError) -> RESPValue? {
        var copy = buffer
        guard let value = try parse(&copy) else { return nil }
        buffer = copy
        return value
    }

    private static func parse(_ buffer: inout ByteBuffer) throws(RESPProtocolError) -> RESPValue? {
        guard let kind = buffer.readInteger(as: UInt8.self), let line = readLine(&buffer) else { return nil }
        switch kind {
        case UInt8(ascii: "+"): return .simpleString(line)
        case UInt8(ascii: "-"): return .error(line)
        case UInt8(ascii: ":"):
            guard let number = Int(line) else { throw RESPProtocolError("bad integer '\(line)'") }
            return .integer(number)
        case UInt8(ascii: "$"):
            guard let length = Int(line), length >= -1 else { throw RESPProtocolError("bad length '\(line)'") }
            if length == -1 { return .bulkString(nil) }
            guard buffer.readableBytes >= length + 2, let bytes = buffer.readBytes(length: length) else { return nil }
            buffer.moveReaderIndex(forwardBy: 2)
            return .bulkString(bytes)
        case UInt8(ascii: "*"):
            guard let count = Int(line), count >= -1 else { throw RESPProtocolError("bad count '\(line)'") }
            if count == -1 { return .array(nil) }
            var elements: [RESPValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count {
                guard let element = try parse(&buffer) else { return nil }
                elements.append(element)
            }
            return .array(elements)
        default:
            throw RESPProtocolError("unknown type byte \(kind)")
        }
    }

    /// The text up to the next CRLF (consumed), nil when no CRLF has arrived yet.
    private static func readLine(_ buffer: inout ByteBuffer) -> String? {
        let view = buffer.readableBytesView
        guard let cr = view.firstIndex(of: UInt8(ascii: "\r")), cr + 1 < view.endIndex,
            view[cr + 1] == UInt8(ascii: "\n")
        else { return nil }
        let line = buffer.readString(length: cr - view.startIndex)
        buffer.moveReaderIndex(forwardBy: 2)
        return line
    }
}

/// The server sent bytes that are not RESP.
struct RESPProtocolError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = "malformed RESP reply: " + description
    }
}
