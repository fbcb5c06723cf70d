import Foundation
import NIOCore
import NIOPosix

/// One `GET` over a fresh connection (`Connection: close`), read to the end: enough for a metrics endpoint
/// scraped once a second, and no HTTP client library for the harness to carry.
struct PlainHTTPGet: Sendable {
    let host: String
    let port: Int
    let path: String

    /// Why a GET gave no usable answer.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The parts of an `http://host[:port]/path` URL; nil for any other URL.
    init?(url: String) {
        guard let parts = URLComponents(string: url), parts.scheme == "http", let host = parts.host, !host.isEmpty
        else { return nil }
        self.host = host
        port = parts.port ?? 80
        path =
            (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?\($0)" } ?? "")
    }

    /// The body of a 2xx answer, within `timeout` (connecting included).
    func body(timeout: Duration = .seconds(1), limit: Int = 4 << 20) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.nanoseconds(timeout.nanosecondsClamped))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        // Closing the channel at the deadline ends the read below, however far it got.
        let deadline = channel.channel.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanosecondsClamped)) {
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        let received = try await channel.executeThenClose { inbound, outbound in
            let request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n"
            try await outbound.write(ByteBuffer(string: request))
            var received = ByteBuffer()
            for try await chunk in inbound {
                received.writeImmutableBuffer(chunk)
                if received.readableBytes > limit { throw Problem(description: "answer larger than \(limit) bytes") }
            }
            return received
        }
        return try Self.body(of: String(buffer: received))
    }

    /// The body of a whole HTTP/1.1 response, de-chunked if it was sent in chunks.
    static func body(of response: String) throws(Problem) -> String {
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

extension Duration {
    /// The duration in whole nanoseconds, clamped to what an `Int64` holds.
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        guard seconds < Int64.max / 1_000_000_000 else { return .max }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
