import NIOCore

extension ResponseParser {
    /// Reads one header line, noting the framing headers without allocating, and keeps it when collecting.
    static func parseHeaderLine(
        _ line: UnsafeRawBufferPointer,
        into framing: inout ResponseFraming
    ) throws(MalformedResponse) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            throw MalformedResponse("header line without a name and colon")
        }
        let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
        let value = trimmedValue(line, after: colon)
        if equalsIgnoringCase(name, "content-length") {
            let length = try parseContentLength(value)
            if let previous = framing.contentLength, previous != length {
                throw MalformedResponse("conflicting Content-Length headers")
            }
            framing.contentLength = length
        } else if equalsIgnoringCase(name, "transfer-encoding") {
            framing.chunked = endsWithIgnoringCase(value, "chunked")
        } else if equalsIgnoringCase(name, "connection") {
            if containsIgnoringCase(value, "close") { framing.close = true }
            if containsIgnoringCase(value, "keep-alive") { framing.keepAlive = true }
        }
    }

    /// The value of a header line, without the colon and surrounding blanks.
    static func trimmedValue(_ line: UnsafeRawBufferPointer, after colon: Int) -> UnsafeRawBufferPointer {
        var valueStart = colon + 1
        var valueEnd = line.count
        while valueStart < valueEnd, line[valueStart] == 32 || line[valueStart] == 9 { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == 32 || line[valueEnd - 1] == 9 { valueEnd -= 1 }
        return UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd])
    }

    /// A header line as a name and value pair of strings (only when a step keeps headers for checks or captures).
    static func headerStrings(_ line: UnsafeRawBufferPointer) -> (name: String, value: String) {
        let colon = line.firstIndex(of: UInt8(ascii: ":"))!
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<colon]), as: UTF8.self)
        return (name, String(decoding: trimmedValue(line, after: colon), as: UTF8.self))
    }

    static func parseContentLength(_ value: UnsafeRawBufferPointer) throws(MalformedResponse) -> Int {
        guard !value.isEmpty, value.count <= 18 else { throw MalformedResponse("invalid Content-Length") }
        var length = 0
        for byte in value {
            guard (48...57).contains(byte) else { throw MalformedResponse("invalid Content-Length") }
            length = length * 10 + Int(byte - 48)
        }
        return length
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }

    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        for index in 0..<bytes.count where lowercased(bytes[index]) != expected[index] { return false }
        return true
    }

    static func endsWithIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
        let count = lowercase.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - count)...]), lowercase)
    }

    static func containsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ lowercase: StaticString) -> Bool {
        let count = lowercase.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        for start in 0...(bytes.count - count)
        where equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]), lowercase) {
            return true
        }
        return false
    }
}
