/// Which requests an HTTP toxic applies to: method, path glob and one header; an empty field matches anything.
///
/// The path is matched without its query string. In the glob, `*` stands for any run of characters (`/` included,
/// so `/api/v1/orders/*` matches `/api/v1/orders/7/items`) and `?` for one character; every other character is
/// itself. Header names compare case-insensitively; `header_value` is a glob too, and without it the header only
/// has to be present.
public struct HTTPMatch: Codable, Sendable, Equatable {
    /// The request method, such as `POST`; empty for any.
    public var method: String
    /// A glob for the request path, such as `/api/v1/orders/*`; empty for any.
    public var path: String
    /// A header the request must carry; empty for none.
    public var headerName: String
    /// A glob its value must match; empty for any value.
    public var headerValue: String

    /// The match attributes every HTTP toxic takes.
    static let attributes = [
        ToxicAttribute("method", .text, rule: methodProblem), ToxicAttribute("path", .text, rule: globProblem),
        ToxicAttribute("header_name", .text, rule: headerNameProblem),
        ToxicAttribute("header_value", .text),
    ]

    private enum CodingKeys: String, CodingKey {
        case method, path
        case headerName = "header_name"
        case headerValue = "header_value"
    }

    public init(method: String = "", path: String = "", headerName: String = "", headerValue: String = "") {
        self.method = method
        self.path = path
        self.headerName = headerName
        self.headerValue = headerValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decodeIfPresent(String.self, forKey: .method) ?? ""
        path = try container.decodeIfPresent(String.self, forKey: .path) ?? ""
        headerName = try container.decodeIfPresent(String.self, forKey: .headerName) ?? ""
        headerValue = try container.decodeIfPresent(String.self, forKey: .headerValue) ?? ""
    }

    /// Whether `request` is one the toxic applies to.
    public func matches(_ request: HTTPHead) -> Bool {
        if !method.isEmpty, request.methodName != method { return false }
        if !path.isEmpty, !Self.glob(path, matches: request.path) { return false }
        if !headerName.isEmpty {
            guard let value = request.value(forHeader: headerName) else { return false }
            if !headerValue.isEmpty, !Self.glob(headerValue, matches: value) { return false }
        }
        return true
    }

    /// Throws for a method that is not a token, a path glob that does not start with `/` or `*` or uses brackets or
    /// braces (character classes and alternatives are not supported), or a header value without a header name.
    public func validate() throws(FaultInjectorError) {
        for problem in [Self.methodProblem(method), Self.globProblem(path), Self.headerNameProblem(headerName)] {
            if let problem { throw .badRequest(problem) }
        }
        if headerName.isEmpty, !headerValue.isEmpty {
            throw .badRequest("header_value needs a header_name")
        }
    }

    /// Why `method` is not an HTTP method (a token), nil when it is or is empty (any method).
    static func methodProblem(_ method: String) -> String? {
        method.isEmpty || method.utf8.allSatisfy(HTTPHead.isToken) ? nil : "method \"\(method)\" is not an HTTP method"
    }

    /// Why `path` is not a glob this matcher takes (brackets, braces, backslashes and spaces are not supported; it
    /// starts with `/` or `*`), nil when it is or is empty (any path).
    static func globProblem(_ path: String) -> String? {
        guard !path.isEmpty else { return nil }
        if let unsupported = path.first(where: { "[]{}\\ ".contains($0) }) {
            return
                "bad path glob \"\(path)\": \"\(unsupported)\" is not supported; use * for any run and ? for one character"
        }
        return path.hasPrefix("/") || path.hasPrefix("*")
            ? nil : "bad path glob \"\(path)\": a path starts with / (or *)"
    }

    /// Why `name` is not a header name (a token), nil when it is or is empty.
    static func headerNameProblem(_ name: String) -> String? {
        name.isEmpty || name.utf8.allSatisfy(HTTPHead.isToken) ? nil : "header_name \"\(name)\" is not a header name"
    }

    /// Glob matching with `*` and `?`, linear in practice (backtracks only to the last `*`).
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let text = Array(text.utf8)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
