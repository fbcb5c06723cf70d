import NIOCore

/// An incremental HTTP/1.1 response parser that reads straight from the connection's bytes, allocating nothing per
/// response unless asked to keep headers and body (for checks and captures).
///
/// It handles `Content-Length`, `Transfer-Encoding: chunked` (with trailers), bodies delimited by the close of the
/// connection, 1xx interim responses, and responses that carry no body (HEAD, 204, 304). Anything else is a
/// ``MalformedResponse``. It is written for the generator's hot path instead of NIOHTTP1's decoder, which allocates
/// a head and a header dictionary per response and must see every request go through its encoder.
struct ResponseParser {
    enum State: Equatable {
        case head
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkEnd
        case trailers
        case untilClose
    }

    /// The longest response head accepted, so that a target that never ends its head cannot grow memory.
    static let maximumHeadSize = 64 * 1024

    var state = State.head
    /// Keep headers and body of the current response.
    var collects = false
    /// The request being answered was a HEAD request, so the response has no body.
    var answersHead = false
    var current = HTTPResponse(status: 0, wireBytes: 0, keepAlive: true, headers: [], body: ByteBuffer())

    /// Whether a response has started arriving but is not complete.
    var isMidResponse: Bool { state != .head || current.wireBytes > 0 }

    /// Consumes bytes from `buffer` and returns a response once one is complete; `nil` means more bytes are needed
    /// (the bytes not yet consumed stay in `buffer`).
    mutating func parse(_ buffer: inout ByteBuffer) throws(MalformedResponse) -> HTTPResponse? {
        while buffer.readableBytes > 0 {
            switch state {
            case .head:
                guard try parseHead(&buffer) else { return nil }
                if case .head = state, current.status == 0 { continue }  // an interim 1xx was skipped
                if state == .head { return finish() }
            case .body(let remaining):
                let taken = take(&buffer, upTo: remaining)
                if taken == remaining { return finish() }
                state = .body(remaining: remaining - taken)
            case .untilClose:
                _ = take(&buffer, upTo: buffer.readableBytes)
            case .chunkSize:
                guard let line = try readLine(&buffer) else { return nil }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let taken = take(&buffer, upTo: remaining)
                state = taken == remaining ? .chunkEnd : .chunkData(remaining: remaining - taken)
            case .chunkEnd:
                guard let line = try readLine(&buffer) else { return nil }
                guard line.readableBytes == 0 else {
                    throw MalformedResponse("chunk data longer than its declared size")
                }
                state = .chunkSize
            case .trailers:
                guard let line = try readLine(&buffer) else { return nil }
                if line.readableBytes == 0 { return finish() }
            }
        }
        return nil
    }

    /// Called when the connection closes: completes a response whose body runs until the close.
    mutating func finishAtClose() -> HTTPResponse? {
        guard state == .untilClose else { return nil }
        current.keepAlive = false
        return finish()
    }

    private mutating func finish() -> HTTPResponse {
        let response = current
        state = .head
        current = HTTPResponse(status: 0, wireBytes: 0, keepAlive: true, headers: [], body: ByteBuffer())
        return response
    }

    /// Moves up to `limit` body bytes out of `buffer`, keeping them when collecting; returns how many were taken.
    private mutating func take(_ buffer: inout ByteBuffer, upTo limit: Int) -> Int {
        let count = min(limit, buffer.readableBytes)
        if collects, var slice = buffer.readSlice(length: count) {
            current.body.writeBuffer(&slice)
        } else {
            buffer.moveReaderIndex(forwardBy: count)
        }
        current.wireBytes += count
        return count
    }

    /// Reads one CRLF-terminated line (without the CRLF), or returns nil when it has not fully arrived.
    private mutating func readLine(_ buffer: inout ByteBuffer) throws(MalformedResponse) -> ByteBuffer? {
        let end = buffer.withUnsafeReadableBytes { bytes -> Int? in
            guard bytes.count >= 2 else { return nil }
            for index in 0..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "\r") && bytes[index + 1] == 10 {
                return index
            }
            return nil
        }
        guard let end else {
            if buffer.readableBytes > Self.maximumHeadSize { throw MalformedResponse("line longer than 64 KiB") }
            return nil
        }
        let line = buffer.readSlice(length: end)!
        buffer.moveReaderIndex(forwardBy: 2)
        current.wireBytes += end + 2
        return line
    }

    static func chunkSize(_ line: ByteBuffer) throws(MalformedResponse) -> Int {
        var size = 0
        var digits = 0
        for byte in line.readableBytesView {
            guard let digit = hexValue(byte) else {
                if byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") { break }
                throw MalformedResponse("invalid chunk size")
            }
            guard digits < 15 else { throw MalformedResponse("chunk size too large") }
            size = size * 16 + digit
            digits += 1
        }
        guard digits > 0 else { throw MalformedResponse("missing chunk size") }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
