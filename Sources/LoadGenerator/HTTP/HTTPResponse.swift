import NIOCore

/// One complete HTTP/1.1 response as the parser saw it: the status, its size on the wire, and (when a step needs them
/// for checks or captures) its headers and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Bytes the response took on the wire, head and body.
    public var wireBytes: Int
    /// Whether the connection may carry another request (no `Connection: close`, not HTTP/1.0 without keep-alive).
    public var keepAlive: Bool
    /// Headers in order of arrival; empty unless the parser was asked to collect them.
    public var headers: [(name: String, value: String)]
    /// The decoded body (chunks joined); empty unless the parser was asked to collect it.
    public var body: ByteBuffer

    public init(
        status: Int,
        wireBytes: Int,
        keepAlive: Bool,
        headers: [(name: String, value: String)],
        body: ByteBuffer
    ) {
        self.status = status
        self.wireBytes = wireBytes
        self.keepAlive = keepAlive
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Why bytes from the target could not be read as an HTTP/1.1 response; counted as a malformed response.
public struct MalformedResponse: Error, Equatable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { "malformed response: \(reason)" }
}
