import NIOCore
import NIOHPACK

/// Gathers one HTTP/2 stream's response from its frames into the ``HTTPResponse`` the flows read: the final
/// `:status` (informational 1xx heads skipped), headers and body when collected, and the bytes received.
///
/// Bytes on the wire are counted as DATA payload plus the decoded header fields (HPACK's compressed size is not
/// exposed), so HTTP/2 byte counts are close to, not exactly, what crossed the socket.
struct HTTP2ResponseBuilder {
    private var status: Int?
    private var headers: [(name: String, value: String)] = []
    private var body = ByteBuffer()
    private var bytes = 0

    /// What a HEADERS frame meant.
    enum Outcome { case head, informational, trailers, malformed }

    mutating func received(_ fields: HPACKHeaders, collecting: Bool) -> Outcome {
        for field in fields { bytes += field.name.utf8.count + field.value.utf8.count + 2 }
        guard status == nil else {
            if collecting { for field in fields { headers.append((field.name, field.value)) } }
            return .trailers
        }
        guard let text = fields.first(name: ":status"), let code = Int(text), (100...599).contains(code) else {
            return .malformed
        }
        if code < 200 { return .informational }
        status = code
        if collecting {
            for field in fields where !field.name.hasPrefix(":") { headers.append((field.name, field.value)) }
        }
        return .head
    }

    mutating func received(body chunk: inout ByteBuffer, collecting: Bool) {
        bytes += chunk.readableBytes
        if collecting { body.writeBuffer(&chunk) }
    }

    /// The complete response, nil when the stream ended without a final status.
    var response: HTTPResponse? {
        status.map { HTTPResponse(status: $0, wireBytes: bytes, keepAlive: true, headers: headers, body: body) }
    }
}
