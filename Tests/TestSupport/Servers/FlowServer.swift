import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 for flow tests: it keeps every request it receives (head and body) and
/// answers `POST /login` with `{"token":"abc"}`, `GET /secure` with 200 only for `Authorization: Bearer abc`
/// (401 otherwise), and anything else with `{"path":"…"}`.
public final class FlowServer: Sendable {
    public let port: Int
    private let channel: any Channel
    private let log: RequestLog

    private init(port: Int, channel: any Channel, log: RequestLog) {
        self.port = port
        self.channel = channel
        self.log = log
    }

    public static func start() async throws -> FlowServer {
        let log = RequestLog()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FlowServerHandler(log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FlowServer(port: channel.localAddress!.port!, channel: channel, log: log)
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    /// The requests received so far, in arrival order.
    public var requests: [ReceivedRequest] { log.entries.withLock { $0 } }

    public func stop() async {
        try? await channel.close()
    }
}

/// One request as the flow server saw it.
public struct ReceivedRequest: Sendable {
    public var method: String
    public var target: String
    public var headers: [String: String]
    public var body: String
}

public final class RequestLog: Sendable {
    public let entries = Mutex<[ReceivedRequest]>([])
}

private final class FlowServerHandler: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    public let log: RequestLog
    public var pending = ByteBuffer()

    public init(log: RequestLog) {
        self.log = log
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        pending.writeBuffer(&incoming)
        while let request = takeRequest() {
            log.entries.withLock { $0.append(request) }
            let reply = Self.answer(request)
            context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: reply)), promise: nil)
        }
    }

    /// Removes one complete request from `pending`, nil when it has not fully arrived.
    private func takeRequest() -> ReceivedRequest? {
        guard let end = pending.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        let headLength = end.upperBound - pending.readerIndex
        let head = pending.getString(at: pending.readerIndex, length: headLength)!
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[line[..<colon].lowercased()] = value
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard pending.readableBytes >= headLength + length else { return nil }
        pending.moveReaderIndex(forwardBy: headLength)
        let body = pending.readString(length: length)!
        return ReceivedRequest(
            method: String(requestLine[0]),
            target: String(requestLine[1]),
            headers: headers,
            body: body
        )
    }

    public static func answer(_ request: ReceivedRequest) -> String {
        let (status, body): (Int, String)
        switch (request.method, request.target) {
        case ("POST", "/login"): (status, body) = (200, #"{"token":"abc","user":{"id":7}}"#)
        case ("GET", "/secure"):
            (status, body) = request.headers["authorization"] == "Bearer abc" ? (200, #"{"ok":true}"#) : (401, "{}")
        default: (status, body) = (200, #"{"path":"\#(request.target)"}"#)
        }
        return "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nX-Session: s1\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }
}
