import Foundation

/// The request of a quick run, from wrk's, hey's and oha's flags: method, headers, body, and how many to send.
public struct QuickRequest: Sendable, Equatable {
    /// `-m/--method`, upper-cased.
    public var method: String
    /// `-H/--header 'Name: value'`, in order.
    public var headers: [PlannedRequest.Header]
    /// `-d/--body TEXT` or `--body-file FILE`.
    public var body: [UInt8]
    /// `-n/--requests N`: iterations in all, shared by the users; nil to run for the duration.
    public var total: Int?

    public init(method: String = "GET", headers: [PlannedRequest.Header] = [], body: [UInt8] = [], total: Int? = nil) {
        self.method = method.uppercased()
        self.headers = headers
        self.body = body
        self.total = total
    }

    /// Reads `Name: value`; nil when there is no colon or no name.
    public static func header(_ text: String) -> PlannedRequest.Header? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(" ") else { return nil }
        return .init(name, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
}
