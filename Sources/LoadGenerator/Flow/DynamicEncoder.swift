import Basics
import NIOCore
import NIOHPACK
import Scenarios

/// Renders a ``DynamicRequest`` into request bytes per iteration: the fixed parts (method, origin, Host and
/// User-Agent lines) are prepared once, the holes filled into buffers the virtual user reuses.
struct DynamicEncoder {
    let request: DynamicRequest
    /// `METHOD ` and, for a step with its own origin, `http://host:port`; else the target's base path.
    private let lineStart: [UInt8]
    /// The Host and User-Agent lines the step's headers do not replace.
    private let defaultHeaderLines: [UInt8]
    /// Whether a Content-Length line is written (a body, or a method that carries one).
    private let sendsLength: Bool
    /// Each header's name followed by `: `.
    private let headerNames: [[UInt8]]
    /// What an HTTP/2 request needs besides the rendered parts: the method, scheme and authority.
    private let method: String
    private let scheme: String
    private let authority: String
    private let basePath: [UInt8]

    init(_ planned: PlannedRequest, request: DynamicRequest, target: HTTPTarget) {
        self.request = request
        var start = Array("\(planned.method) ".utf8)
        if let origin = request.url.origin {
            start += Array("\(origin.scheme)://\(origin.hostHeader)".utf8)
        } else {
            start += Array(target.basePath.utf8)
        }
        lineStart = start
        let names = Set(request.headers.map { $0.name.lowercased() })
        var lines = ""
        if !names.contains("host") { lines += "Host: \(target.hostHeader)\r\n" }
        if !names.contains("user-agent") { lines += "User-Agent: ordeal/0.1\r\n" }
        defaultHeaderLines = Array(lines.utf8)
        sendsLength =
            !names.contains("content-length")
            && (request.body != nil || ["POST", "PUT", "PATCH"].contains(planned.method))
        headerNames = request.headers.map { Array("\($0.name): ".utf8) }
        method = planned.method
        scheme = request.url.origin?.scheme ?? target.scheme
        authority = request.url.origin?.hostHeader ?? target.hostHeader
        basePath = request.url.origin == nil ? Array(target.basePath.utf8) : []
    }

    /// Renders the request as HTTP/2 HEADERS, and its body into `body`; `scratch` is reused between calls.
    func renderHTTP2(
        scratch: inout [UInt8],
        body: inout [UInt8],
        values: borrowing TemplateValues,
        random: inout some RandomNumberGenerator
    ) -> HPACKHeaders {
        body.removeAll(keepingCapacity: true)
        request.body?.template.render(into: &body, values: values, random: &random)
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: basePath)
        request.url.render(into: &scratch, values: values, random: &random)
        let path = String(decoding: scratch, as: UTF8.self)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count)
        for header in request.headers {
            scratch.removeAll(keepingCapacity: true)
            header.value.render(into: &scratch, values: values, random: &random)
            headers.append((header.name, String(decoding: scratch, as: UTF8.self)))
        }
        return HTTP2RequestHead.make(
            method: method,
            scheme: scheme,
            authority: authority,
            path: path,
            headers: headers,
            contentLength: sendsLength ? body.count : nil
        )
    }

    /// The first required slot that is unset, nil when the request can be built.
    func missingSlot(in values: borrowing TemplateValues) -> Int? {
        request.requiredSlots.first { values.slots[$0] == nil }
    }

    /// Writes the request into `out` (cleared first); `head` and `body` are scratch space kept between calls.
    func render(
        into out: inout ByteBuffer,
        head: inout [UInt8],
        body: inout [UInt8],
        values: borrowing TemplateValues,
        random: inout some RandomNumberGenerator
    ) {
        body.removeAll(keepingCapacity: true)
        request.body?.template.render(into: &body, values: values, random: &random)
        head.removeAll(keepingCapacity: true)
        head.append(contentsOf: lineStart)
        let pathStart = head.count
        request.url.render(into: &head, values: values, random: &random)
        if head.count == pathStart { head.append(UInt8(ascii: "/")) }
        head.append(contentsOf: Self.versionLine)
        head.append(contentsOf: defaultHeaderLines)
        for (index, header) in request.headers.enumerated() {
            head.append(contentsOf: headerNames[index])
            header.value.render(into: &head, values: values, random: &random)
            head.append(contentsOf: Self.lineEnd)
        }
        if sendsLength {
            head.append(contentsOf: Self.contentLength)
            Self.appendDecimal(body.count, to: &head)
            head.append(contentsOf: Self.lineEnd)
        }
        head.append(contentsOf: Self.lineEnd)
        out.clear()
        out.writeBytes(head)
        out.writeBytes(body)
    }

    private static let versionLine = Array(" HTTP/1.1\r\n".utf8)
    private static let lineEnd: [UInt8] = [13, 10]
    private static let contentLength = Array("Content-Length: ".utf8)

    /// Writes a non-negative decimal without building a String.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var magnitude = value
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }
}
