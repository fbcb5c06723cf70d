import Basics
import NIOCore

/// The start line and header fields of one HTTP/1.1 message, parsed once from the bytes as they arrived.
///
/// The head keeps its raw bytes and only the offsets of its parts, so framing a message costs one copy of the head
/// and no string per header; strings are made on demand, when a toxic asks for a method, a path or a header.
public struct HTTPHead: Sendable {
    /// Requests and responses parse differently.
    public enum Kind: Sendable { case request, response }

    /// The head as it arrived: start line, header lines, blank line.
    public private(set) var bytes: [UInt8]
    public let kind: Kind
    /// A response's status code; 0 for a request.
    public private(set) var status = 0
    /// The `Content-Length`, if the message has one.
    private(set) var contentLength: Int?
    /// The last transfer coding is `chunked`.
    private(set) var chunked = false
    /// A `Transfer-Encoding` other than chunked (a response then runs until the close).
    private(set) var otherCoding = false
    /// The connection stays open after this message (HTTP/1.1 without `Connection: close`).
    private(set) var keepAlive = true
    /// The request method and target, as byte ranges (empty for responses).
    private var method = 0..<0
    private var target = 0..<0
    /// Each header line: name and value (trimmed), as byte ranges.
    private var fields: [(name: Range<Int>, value: Range<Int>)] = []

    /// Parses a head that ends with its blank line; nil when it is not HTTP/1.x.
    init?(_ bytes: [UInt8], kind: Kind) {
        self.bytes = bytes
        self.kind = kind
        var lines = HTTPLines(bytes)
        guard let start = lines.next(), parseStartLine(start) else { return nil }
        while let line = lines.next(), !line.isEmpty {
            guard parseField(line) else { return nil }
        }
    }

    /// The request method, such as `GET`.
    public var methodName: String { string(method) }

    /// The request target without its query string, such as `/api/v1/orders/7`.
    public var path: String {
        let end = bytes[target].firstIndex(of: UInt8(ascii: "?")) ?? target.upperBound
        return string(target.lowerBound..<end)
    }

    /// Whether the request method is `HEAD` (its response has no body whatever its headers say).
    var isHEAD: Bool { bytes[method].elementsEqual("HEAD".utf8) }

    /// The value of the first header called `name` (case-insensitive), or nil.
    public func value(forHeader name: String) -> String? {
        fields.first { HTTPHead.equalIgnoringCase(bytes[$0.name], name.utf8) }.map { string($0.value) }
    }

    /// The head with header `name` removed (every line of that name).
    mutating func removeHeader(_ name: String) {
        guard fields.contains(where: { HTTPHead.equalIgnoringCase(bytes[$0.name], name.utf8) }) else { return }
        rebuild { lines in lines.removeAll { HTTPHead.equalIgnoringCase($0.name.utf8, name.utf8) } }
    }

    /// The head with header `name` set to `value`: replaces the lines of that name, or adds one at the end.
    mutating func setHeader(_ name: String, _ value: String) {
        rebuild { lines in
            lines.removeAll { HTTPHead.equalIgnoringCase($0.name.utf8, name.utf8) }
            lines.append((name, value))
        }
    }

    /// The head as a buffer, to forward.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private mutating func rebuild(_ edit: (inout [(name: String, value: String)]) -> Void) {
        var lines = fields.map { (name: string($0.name), value: string($0.value)) }
        edit(&lines)
        let startLine = bytes[..<(bytes.firstIndex(of: UInt8(ascii: "\n")) ?? 0)]
        var text = String(decoding: startLine, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        text += "\r\n"
        for line in lines { text += "\(line.name): \(line.value)\r\n" }
        text += "\r\n"
        self = HTTPHead(Array(text.utf8), kind: kind) ?? self
    }
}

extension HTTPHead {
    private mutating func parseStartLine(_ line: ArraySlice<UInt8>) -> Bool {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        switch kind {
        case .request:
            guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(HTTPHead.isToken), !parts[1].isEmpty,
                parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }), let minor = HTTPHead.minorVersion(parts[2])
            else { return false }
            method = parts[0].startIndex..<parts[0].endIndex
            target = parts[1].startIndex..<parts[1].endIndex
            keepAlive = minor >= 1
        case .response:
            guard parts.count >= 2, let minor = HTTPHead.minorVersion(parts[0]), parts[1].count == 3,
                parts[1].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return false }
            status = parts[1].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            keepAlive = minor >= 1
        }
        return true
    }

    /// One `name: value` line; obsolete line folding and names that are not tokens are refused.
    private mutating func parseField(_ line: ArraySlice<UInt8>) -> Bool {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
            line[line.startIndex..<colon].allSatisfy(HTTPHead.isToken)
        else { return false }
        var valueStart = colon + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
        let name = line.startIndex..<colon
        let value = line[valueStart..<valueEnd]
        fields.append((name, valueStart..<valueEnd))
        if HTTPHead.equalIgnoringCase(bytes[name], "content-length".utf8) {
            guard !value.isEmpty, value.count <= 15, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return false
            }
            let length = value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard contentLength == nil || contentLength == length else { return false }
            contentLength = length
        } else if HTTPHead.equalIgnoringCase(bytes[name], "transfer-encoding".utf8) {
            let last = value.split(separator: UInt8(ascii: ",")).last.map { $0.filter { $0 != 0x20 && $0 != 0x09 } }
            chunked = last.map { HTTPHead.equalIgnoringCase($0[...], "chunked".utf8) } ?? false
            otherCoding = !chunked
        } else if HTTPHead.equalIgnoringCase(bytes[name], "connection".utf8) {
            for token in value.split(separator: UInt8(ascii: ",")) {
                let trimmed = token.filter { $0 != 0x20 && $0 != 0x09 }
                if HTTPHead.equalIgnoringCase(trimmed[...], "close".utf8) { keepAlive = false }
                if HTTPHead.equalIgnoringCase(trimmed[...], "keep-alive".utf8) { keepAlive = true }
            }
        }
        return true
    }

    /// `HTTP/1.x` → x; nil for any other version (HTTP/2's preface says `HTTP/2.0`).
    private static func minorVersion(_ part: ArraySlice<UInt8>) -> Int? {
        guard part.count == 8, part.prefix(7).elementsEqual("HTTP/1.".utf8), let last = part.last,
            last >= 0x30 && last <= 0x39
        else { return nil }
        return Int(last - 0x30)
    }

    /// RFC 9110 `tchar`.
    static func isToken(_ byte: UInt8) -> Bool { HTTPToken.isTokenByte(byte) }

    static func equalIgnoringCase(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
}

/// The lines of a head, split at LF with a trailing CR dropped.
private struct HTTPLines: IteratorProtocol {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> ArraySlice<UInt8>? {
        guard position < bytes.count else { return nil }
        let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        var line = bytes[position..<end]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        position = end + 1
        return line
    }
}
