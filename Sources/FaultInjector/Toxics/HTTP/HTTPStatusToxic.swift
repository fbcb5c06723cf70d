import NIOCore

/// Answers a matching request with `status` (and `body`, and `Retry-After` when `retry_after` > 0) without
/// forwarding it; the request's body is consumed and the connection stays open for the next request.
public struct HTTPStatusToxic: HTTPToxic {
    public static let typeName = "http_status"
    public static let attributes =
        [
            ToxicAttribute("status", .integer(100...599), required: true),
            ToxicAttribute("body", .text),
            ToxicAttribute("retry_after", .seconds),
        ] + HTTPMatch.attributes

    /// The status code of the answer, 100…599.
    public var status: Int
    /// The answer's body, sent with a `Content-Length` (and `text/plain` when not empty).
    public var body: String
    /// Seconds for a `Retry-After` header; 0 for none.
    public var retryAfter: Int
    public var match: HTTPMatch

    private enum CodingKeys: String, CodingKey {
        case status, body
        case retryAfter = "retry_after"
    }

    public init() { self.init(status: 0) }

    public init(status: Int, body: String = "", retryAfter: Int = 0, match: HTTPMatch = HTTPMatch()) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
        self.match = match
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeIfPresent(Int.self, forKey: .status) ?? 0
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        retryAfter = try container.decodeIfPresent(Int.self, forKey: .retryAfter) ?? 0
        match = try HTTPMatch(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(body, forKey: .body)
        try container.encode(retryAfter, forKey: .retryAfter)
        try match.encode(to: encoder)
    }

    public func validate() throws(FaultInjectorError) {
        guard (100...599).contains(status) else {
            throw .badRequest("status \(status) of an http_status toxic is outside 100…599")
        }
        guard retryAfter >= 0 else { throw .badRequest("retry_after must be 0 or more seconds") }
        try match.validate()
    }

    public func decide(
        for request: HTTPHead,
        into decision: inout HTTPDecision,
        random: inout some RandomNumberGenerator
    ) {
        guard decision.answer == nil else { return }
        decision.answer = answer(closing: !request.keepAlive)
    }

    /// The whole response: status line, `Content-Length`, the optional headers, the body.
    func answer(closing: Bool) -> ByteBuffer {
        let bodiless = status < 200 || status == 204 || status == 304
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        if !bodiless {
            head += "Content-Length: \(body.utf8.count)\r\n"
            if !body.isEmpty { head += "Content-Type: text/plain; charset=utf-8\r\n" }
        }
        if retryAfter > 0 { head += "Retry-After: \(retryAfter)\r\n" }
        if closing { head += "Connection: close\r\n" }
        head += "\r\n"
        if !bodiless { head += body }
        return ByteBuffer(string: head)
    }

    private static func reason(_ status: Int) -> String {
        let reasons = [
            200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently", 302: "Found",
            304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            408: "Request Timeout", 409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        ]
        return reasons[status] ?? "Status \(status)"
    }
}
