import NIOCore
import NIOHTTP1
import NIOPosix

/// A response read in full by `MinimalHTTPClient`.
struct MinimalHTTPResponse: Sendable {
    let status: Int
    let body: ByteBuffer
}

/// Why a call through `MinimalHTTPClient` got no response.
enum MinimalHTTPClientError: Error, Equatable {
    /// No response (connection and reading included) within the timeout.
    case timedOut
    /// The connection closed before a whole response arrived.
    case connectionClosed
    /// No connection could be made, so no request was sent.
    case connectFailed(String)
}

/// One HTTP/1.1 request per connection over NIO, for the payments calls: a handful of calls per order, where a
/// fresh connection per call keeps failures (resets, timeouts) confined to one call and needs no pool.
struct MinimalHTTPClient: Sendable {
    let host: String
    let port: Int
    let group: any EventLoopGroup

    init(host: String, port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.host = host
        self.port = port
        self.group = group
    }

    /// Sends `body` (JSON) to `path` and reads the whole response; the timeout covers connecting too.
    func send(_ method: HTTPMethod, _ path: String, json body: ByteBuffer?, timeout: Duration) async throws
        -> MinimalHTTPResponse
    {
        let timeAmount = TimeAmount.nanoseconds(timeout.nanoseconds)
        let start = ContinuousClock.now
        let channel = try await connect(timeout: timeAmount)
        // Closing the channel at the deadline ends the read below, whatever state it is in.
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeAmount) { channel.channel.close(promise: nil) }
        defer { deadline.cancel() }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: "\(host):\(port)")
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: String(body?.readableBytes ?? 0))
        do {
            return try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(.head(head))
                if let body { try await outbound.write(.body(.byteBuffer(body))) }
                try await outbound.write(.end(nil))
                return try await Self.readResponse(inbound)
            }
        } catch {
            if ContinuousClock.now - start >= timeout { throw MinimalHTTPClientError.timedOut }
            throw error
        }
    }

    private func connect(timeout: TimeAmount) async throws
        -> NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
    {
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                            wrappingChannelSynchronously: channel
                        )
                    }
                }
        } catch {
            throw MinimalHTTPClientError.connectFailed("\(error)")
        }
    }

    private static func readResponse(_ inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>) async throws
        -> MinimalHTTPResponse
    {
        var status: Int?
        var body = ByteBuffer()
        for try await part in inbound {
            switch part {
            case .head(let head): status = Int(head.status.code)
            case .body(var chunk): body.writeBuffer(&chunk)
            case .end:
                if let status { return MinimalHTTPResponse(status: status, body: body) }
            }
        }
        throw MinimalHTTPClientError.connectionClosed
    }
}
