import NIOCore

/// What the head of a response says about its framing.
struct ResponseFraming {
    var status = 0
    var contentLength: Int?
    var chunked = false
    var close = false
    var keepAlive = false
    var isHTTP10 = false
}

extension ResponseParser {
    /// Parses a complete head if it has arrived (returns false when more bytes are needed), and sets up the body state.
    mutating func parseHead(_ buffer: inout ByteBuffer) throws(MalformedResponse) -> Bool {
        guard let headLength = Self.headLength(in: buffer) else {
            if buffer.readableBytes > Self.maximumHeadSize {
                throw MalformedResponse("response head longer than 64 KiB")
            }
            return false
        }
        let head = buffer.readSlice(length: headLength)!
        current.wireBytes += headLength
        let collects = self.collects
        let (framing, headers) = try head.withUnsafeReadableBytes { bytes throws(MalformedResponse) in
            try Self.parseFraming(bytes, collectingHeaders: collects)
        }
        if collects { current.headers = headers }
        try enterBody(after: framing)
        return true
    }

    private mutating func enterBody(after framing: ResponseFraming) throws(MalformedResponse) {
        current.status = framing.status
        current.keepAlive = framing.isHTTP10 ? framing.keepAlive && !framing.close : !framing.close
        switch framing.status {
        case 101: throw MalformedResponse("unexpected protocol switch (status 101)")
        case 100..<200:
            current.status = 0  // an interim response: the real one follows
            current.headers = []
            state = .head
        case 204, 304:
            state = .head
        case _ where answersHead:
            state = .head
        case _ where framing.chunked:
            state = .chunkSize
        case _ where framing.contentLength != nil:
            state = framing.contentLength! == 0 ? .head : .body(remaining: framing.contentLength!)
        default:
            current.keepAlive = false
            state = .untilClose
        }
    }

    /// The length of the head including its blank line, or nil when `\r\n\r\n` has not arrived yet.
    static func headLength(in buffer: ByteBuffer) -> Int? {
        buffer.withUnsafeReadableBytes { bytes -> Int? in
            guard bytes.count >= 4 else { return nil }
            var index = 0
            while index + 3 < bytes.count {
                if bytes[index + 3] != 10 {
                    index += bytes[index + 3] == 13 ? 1 : 4
                    continue
                }
                if bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 { return index + 4 }
                index += 1
            }
            return nil
        }
    }

    static func parseFraming(
        _ bytes: UnsafeRawBufferPointer,
        collectingHeaders: Bool
    ) throws(MalformedResponse) -> (ResponseFraming, [(name: String, value: String)]) {
        var framing = ResponseFraming()
        var headers: [(name: String, value: String)] = []
        var lineStart = 0
        var isStatusLine = true
        for index in 0..<(bytes.count - 1) where bytes[index] == 13 && bytes[index + 1] == 10 {
            let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<index])
            lineStart = index + 2
            if isStatusLine {
                try parseStatusLine(line, into: &framing)
                isStatusLine = false
            } else if !line.isEmpty {
                try parseHeaderLine(line, into: &framing)
                if collectingHeaders { headers.append(headerStrings(line)) }
            }
        }
        return (framing, headers)
    }

    static func parseStatusLine(
        _ line: UnsafeRawBufferPointer,
        into framing: inout ResponseFraming
    ) throws(MalformedResponse) {
        guard line.count >= 12, startsWithHTTP1(line), line[8] == 32, line.count == 12 || line[12] == 32 else {
            throw MalformedResponse("invalid status line \"\(String(decoding: line.prefix(40), as: UTF8.self))\"")
        }
        var status = 0
        for byte in line[9..<12] {
            guard (48...57).contains(byte) else { throw MalformedResponse("status code is not three digits") }
            status = status * 10 + Int(byte - 48)
        }
        guard (100..<600).contains(status) else { throw MalformedResponse("status code \(status) out of range") }
        framing.status = status
        framing.isHTTP10 = line[7] == 48
    }

    /// Whether the line starts with `HTTP/1.` (compared byte by byte: no array is built per response).
    private static func startsWithHTTP1(_ line: UnsafeRawBufferPointer) -> Bool {
        line[0] == 72 && line[1] == 84 && line[2] == 84 && line[3] == 80 && line[4] == 47 && line[5] == 49
            && line[6] == 46
    }
}
