import Foundation
import NIOHPACK

/// Builds the HEADERS of an HTTP/2 request from a step's method, target and headers.
///
/// Header names are lowercased as HTTP/2 requires; `Host` becomes `:authority`, and connection-specific headers
/// (Connection, Keep-Alive, Transfer-Encoding, Upgrade…) are left out, since HTTP/2 forbids them.
enum HTTP2RequestHead {
    static let forbidden: Set<String> = [
        "host", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te",
    ]

    static func make(
        method: String,
        scheme: String,
        authority: String,
        path: String,
        headers: [(name: String, value: String)],
        contentLength: Int?
    ) -> HPACKHeaders {
        var fields = HPACKHeaders()
        fields.reserveCapacity(headers.count + 6)
        var authority = authority
        var hasAgent = false
        var hasLength = false
        for header in headers where header.name.lowercased() == "host" { authority = header.value }
        fields.add(name: ":method", value: method)
        fields.add(name: ":scheme", value: scheme)
        fields.add(name: ":authority", value: authority)
        fields.add(name: ":path", value: path.isEmpty ? "/" : path)
        for header in headers {
            let name = header.name.lowercased()
            guard !forbidden.contains(name) else { continue }
            hasAgent = hasAgent || name == "user-agent"
            hasLength = hasLength || name == "content-length"
            fields.add(name: name, value: header.value)
        }
        if !hasAgent { fields.add(name: "user-agent", value: "ordeal/0.1") }
        if let contentLength, !hasLength { fields.add(name: "content-length", value: String(contentLength)) }
        return fields
    }

    /// Splits a step's absolute URL (`https://host:port/path`) into its scheme, authority and path; a path alone
    /// keeps the target's.
    static func split(_ path: String, scheme: String, authority: String) -> (
        scheme: String, authority: String, path: String
    ) {
        guard let separator = path.range(of: "://") else { return (scheme, authority, path) }
        let rest = path[separator.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" }
        return (String(path[..<separator.lowerBound]), String(host), String(rest.dropFirst(host.count)))
    }
}
