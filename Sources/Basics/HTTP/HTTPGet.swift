import Foundation
import NIOCore
import NIOPosix

/// How an https GET is secured: the caller's TLS handler (its trust, its client certificate), kept out of this module
/// so that the leaf depends on no TLS library.
public protocol HTTPGetSecurity: Sendable {
    /// A fresh TLS client handler for a connection to `host`, put first in the GET's pipeline.
    func makeHandler(host: String) throws -> any ChannelHandler
    /// Whether `error`, ending an answer that has arrived, only means the server closed without TLS's close_notify.
    func isUncleanShutdown(_ error: any Error) -> Bool
}

/// One `GET` over a fresh connection (`Connection: close`), plain or TLS, read to the end: what readiness checks and
/// the metrics scraper need, with no HTTP client library to carry.
public struct HTTPGet: Sendable, Equatable, CustomStringConvertible {
    public let isSecure: Bool
    public let host: String
    public let port: Int
    public let path: String
    /// How an https URL is secured; nil for http (an https GET without it fails with a clear problem).
    let security: (any HTTPGetSecurity)?

    /// Why a GET gave no usable answer.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The parts of an `http[s]://host[:port]/path` URL; nil for any other URL.
    ///
    /// The origin is read by ``BaseURL``'s rules (one URL parser for the whole tool); the rest is the request target.
    public init?(url: String, security: (any HTTPGetSecurity)? = nil) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let targetStart = url[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" } ?? url.endIndex
        guard case .success(let origin) = BaseURL.parse(String(url[..<targetStart])) else { return nil }
        let target = String(url[targetStart...])
        isSecure = origin.isSecure
        host = origin.host
        port = origin.port
        path = target.isEmpty ? "/" : target.hasPrefix("?") ? "/" + target : target
        self.security = security
    }

    /// A GET of `path` on `host:port` over plain HTTP.
    public init(host: String, port: Int, path: String) {
        isSecure = false
        self.host = host
        self.port = port
        self.path = path
        security = nil
    }

    public var description: String { "\(isSecure ? "https" : "http")://\(host):\(port)\(path)" }

    public static func == (left: HTTPGet, right: HTTPGet) -> Bool { left.description == right.description }

    /// The body of a 2xx answer, within `timeout` (connecting included).
    public func body(timeout: Duration = .seconds(1), limit: Int = 4 << 20) async throws -> String {
        try Self.body(of: try await response(timeout: timeout, limit: limit))
    }

    /// The status code of the answer, read as soon as its status line is in.
    public func status(timeout: Duration = .seconds(1)) async throws -> Int {
        let head = try await response(timeout: timeout, limit: 8192, untilStatusLine: true)
        guard let code = Self.statusCode(in: head) else {
            throw Problem(description: "connection closed before a status line")
        }
        return code
    }

    /// The answer's text: whole, or up to its status line.
    private func response(timeout: Duration, limit: Int, untilStatusLine: Bool = false) async throws -> String {
        if isSecure && security == nil { throw Problem(description: "\(self): no TLS settings for an https URL") }
        let security = isSecure ? self.security : nil
        let host = self.host
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.nanoseconds(timeout.nanosecondsClamped))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let security {
                        try channel.pipeline.syncOperations.addHandler(try security.makeHandler(host: host))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        // Closing the channel at the deadline ends the read below, however far it got.
        let deadline = channel.channel.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanosecondsClamped)) {
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let received = try await channel.executeThenClose { inbound, outbound in
            let request = "GET \(path) HTTP/1.1\r\nHost: \(authority)\r\nConnection: close\r\n\r\n"
            do {
                try await outbound.write(ByteBuffer(string: request))
            } catch {
                // A failed TLS handshake closes the channel before the write: its reason is on the inbound side.
                for try await _ in inbound {}
                throw error
            }
            var received = ByteBuffer()
            do {
                for try await chunk in inbound {
                    received.writeImmutableBuffer(chunk)
                    if untilStatusLine, Self.statusCode(in: String(buffer: received)) != nil { break }
                    if received.readableBytes > limit {
                        throw Problem(description: "answer larger than \(limit) bytes")
                    }
                }
            } catch  where received.readableBytes > 0 && security?.isUncleanShutdown(error) == true {
                // Servers often close without TLS close_notify after `Connection: close`; what arrived is whole.
            }
            return received
        }
        return String(buffer: received)
    }

    /// The status code of `HTTP/1.x NNN ...` once the first line is complete (-1 when that line is not HTTP).
    public static func statusCode(in text: String) -> Int? {
        guard let end = text.range(of: "\r\n") else { return nil }
        let parts = text[..<end.lowerBound].split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]) else { return -1 }
        return code
    }

    /// The body of a whole HTTP/1.1 response, de-chunked if it was sent in chunks.
    public static func body(of response: String) throws(Problem) -> String {
        guard let split = response.range(of: "\r\n\r\n") else { throw Problem(description: "no complete answer") }
        let head = response[..<split.lowerBound].lowercased()
        let status = head.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) }
        guard let status, (200..<300).contains(status) else {
            throw Problem(description: "answered \(status.map { "HTTP \($0)" } ?? "no status")")
        }
        let body = response[split.upperBound...]
        guard head.contains("transfer-encoding: chunked") else { return String(body) }
        // Bytes, not Characters: "\r\n" is one Character, which would make counting by characters go wrong.
        let bytes = Array(body.utf8)
        var text: [UInt8] = []
        var index = 0
        while let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\r")),
            let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16), size > 0,
            lineEnd + 2 + size <= bytes.count
        {
            text += bytes[(lineEnd + 2)..<(lineEnd + 2 + size)]
            index = lineEnd + 2 + size + 2
            guard index < bytes.count else { break }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
