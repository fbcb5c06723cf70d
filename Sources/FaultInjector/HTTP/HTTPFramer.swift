import NIOCore

/// Finds the message boundaries of one direction of an HTTP/1.1 connection, incrementally, as bytes arrive.
///
/// ```
///   head ──▶ (no body) ─────────────────────────────────────────────▶ end ──▶ head …
///        ├─▶ Content-Length n ──▶ body slices until n bytes ──────────▶ end
///        ├─▶ chunked ──▶ size line ─▶ data+CRLF ─▶ … ─▶ 0 ─▶ trailers ─▶ end
///        └─▶ (response, no length) ──▶ body slices until the close
/// ```
///
/// Heads are gathered whole (up to ``maximumHead``); body bytes are handed on as slices of what arrived, never
/// gathered, so a body of any size streams through. Only a partial head or a partial chunk-size line is kept between
/// reads. Bytes that are not HTTP/1.x throw, and the caller falls back to passing bytes through.
struct HTTPFramer {
    /// One piece of the stream, in order.
    enum Frame {
        case head(HTTPHead)
        /// Body bytes, with their chunked framing and trailers if any, as they arrived.
        case body(ByteBuffer)
        /// The message that began with the last head is complete.
        case end
    }

    /// The bytes are not HTTP/1.1 (or exceed the limits); what was not handed on yet is `unframed`.
    struct Malformed: Error {
        var unframed: ByteBuffer
    }

    private enum State {
        case head
        case fixed(Int)
        case chunkSize
        case chunkData(Int)
        case trailers
        case untilClose
        case done
    }

    /// The largest head accepted, and the longest chunk-size or trailer line.
    static let maximumHead = 64 * 1024
    static let maximumLine = 8 * 1024

    let kind: HTTPHead.Kind
    private var state = State.head
    private var buffer = ByteBuffer()
    /// How much of a partial head was searched already for its blank line.
    private var scanned = 0

    init(kind: HTTPHead.Kind) { self.kind = kind }

    /// Whether a response runs until the connection closes (it has no length).
    var endsAtClose: Bool {
        if case .untilClose = state { true } else { false }
    }

    /// Whether the framer is between messages with nothing held.
    var isIdle: Bool {
        if case .head = state { buffer.readableBytes == 0 } else { false }
    }

    /// Adds bytes read from the socket; no copy unless a partial head or line is waiting.
    mutating func append(_ bytes: ByteBuffer) {
        if buffer.readableBytes == 0 {
            buffer = bytes
        } else {
            var bytes = bytes
            buffer.writeBuffer(&bytes)
        }
    }

    /// The next frame, or nil when more bytes are needed.
    ///
    /// - Parameter bodiless: for a response head, whether its request was HEAD (its response has no body).
    mutating func next(bodiless: Bool = false) throws(Malformed) -> Frame? {
        switch state {
        case .head: return try nextHead(bodiless: bodiless)
        case .done:
            state = .head
            return .end
        case .fixed(let remaining):
            guard let slice = take(upTo: remaining) else { return nil }
            state = remaining == slice.readableBytes ? .done : .fixed(remaining - slice.readableBytes)
            return .body(slice)
        case .chunkData(let remaining):
            guard let slice = take(upTo: remaining) else { return nil }
            state = remaining == slice.readableBytes ? .chunkSize : .chunkData(remaining - slice.readableBytes)
            return .body(slice)
        case .untilClose:
            return take(upTo: .max).map { .body($0) }
        case .chunkSize:
            guard let line = try takeLine() else { return nil }
            guard let size = Self.chunkSize(line) else { throw malformed(after: line) }
            state = size == 0 ? .trailers : .chunkData(size + 2)
            return .body(line)
        case .trailers:
            guard let line = try takeLine() else { return nil }
            if line.readableBytes <= 2 { state = .done }
            return .body(line)
        }
    }

    /// Everything held and not yet handed on, for a caller that gives up framing.
    mutating func takeUnframed() -> ByteBuffer {
        defer { buffer = ByteBuffer() }
        return buffer
    }

    private mutating func nextHead(bodiless: Bool) throws(Malformed) -> Frame? {
        // Empty lines between messages are ignored, as RFC 9112 §2.2 allows.
        while let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self), first == 0x0D || first == 0x0A {
            buffer.moveReaderIndex(forwardBy: 1)
        }
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
        // A TLS ClientHello (0x16) or any binary protocol fails on its first byte, without waiting for a line.
        let plausible = kind == .request ? HTTPHead.isToken(first) : first == UInt8(ascii: "H")
        guard plausible else { throw Malformed(unframed: takeUnframed()) }
        guard let length = headLength() else {
            if buffer.readableBytes > Self.maximumHead { throw Malformed(unframed: takeUnframed()) }
            return nil
        }
        scanned = 0
        let bytes = buffer.readBytes(length: length)!
        guard let head = HTTPHead(bytes, kind: kind) else {
            throw malformed(after: ByteBuffer(bytes: bytes))
        }
        state = bodyState(of: head, bodiless: bodiless)
        return .head(head)
    }

    /// The failure for bytes already taken from the buffer, followed by everything still held.
    private mutating func malformed(after taken: ByteBuffer) -> Malformed {
        var unframed = taken
        unframed.writeBuffer(&buffer)
        buffer = ByteBuffer()
        return Malformed(unframed: unframed)
    }

    private func bodyState(of head: HTTPHead, bodiless: Bool) -> State {
        if kind == .response, bodiless || head.status < 200 || head.status == 204 || head.status == 304 {
            return .done
        }
        if head.chunked { return .chunkSize }
        if kind == .response && head.otherCoding { return .untilClose }
        if let length = head.contentLength { return length == 0 ? .done : .fixed(length) }
        return kind == .request ? .done : .untilClose
    }

    /// The length of the head up to and including its blank line, if it is all there.
    private mutating func headLength() -> Int? {
        let start = max(0, scanned - 3)
        let found: Int? = buffer.withUnsafeReadableBytes { raw in
            var index = start
            while index + 1 < raw.count {
                if raw[index] == 0x0A {
                    if raw[index + 1] == 0x0A { return index + 2 }
                    if raw[index + 1] == 0x0D, index + 2 < raw.count, raw[index + 2] == 0x0A { return index + 3 }
                }
                index += 1
            }
            return nil
        }
        if found == nil { scanned = buffer.readableBytes }
        return found
    }

    private mutating func take(upTo count: Int) -> ByteBuffer? {
        guard buffer.readableBytes > 0 else { return nil }
        return buffer.readSlice(length: min(count, buffer.readableBytes))
    }

    /// A whole line with its line end, or nil if it has not all arrived.
    private mutating func takeLine() throws(Malformed) -> ByteBuffer? {
        guard let newline = buffer.readableBytesView.firstIndex(of: 0x0A) else {
            if buffer.readableBytes > Self.maximumLine { throw Malformed(unframed: takeUnframed()) }
            return nil
        }
        return buffer.readSlice(length: newline - buffer.readerIndex + 1)
    }

    /// The size of a chunk-size line (hex, optional extensions), or nil.
    private static func chunkSize(_ line: ByteBuffer) -> Int? {
        var size = 0
        var digits = 0
        for byte in line.readableBytesView {
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
            default: return digits > 0 ? size : nil
            }
            digits += 1
            guard digits <= 12 else { return nil }
            size = size * 16 + value
        }
        return nil
    }
}
