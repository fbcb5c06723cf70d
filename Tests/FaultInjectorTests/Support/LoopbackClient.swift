import NIOCore
import NIOPosix

/// What a client saw on one connection.
struct Exchange: Sendable {
    var received: [UInt8] = []
    /// How the stream ended: nil while open (the read timed out), "eof", or the error.
    var ending: String?
    /// Time from the first write to the first byte back.
    var firstByte: Duration?
    /// Time from the first write to the end of the exchange.
    var elapsed: Duration = .zero
}

/// A test client on loopback: connect, write, optionally half-close, read until `count` bytes, EOF or `timeout`.
enum LoopbackClient {
    static func connect(port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true)
                    )
                }
            }
    }

    static func exchange(
        port: Int,
        send: [UInt8],
        halfClose: Bool = false,
        expect count: Int? = nil,
        timeout: Duration = .seconds(5)
    ) async throws -> Exchange {
        let channel = try await connect(port: port)
        return try await channel.executeThenClose { inbound, outbound in
            let started = ContinuousClock.now
            if !send.isEmpty { try await outbound.write(ByteBuffer(bytes: send)) }
            if halfClose { outbound.finish() }
            var result = await read(inbound, until: count ?? Int.max, timeout: timeout, started: started)
            result.elapsed = ContinuousClock.now - started
            return result
        }
    }

    /// Reads until `count` bytes, the end of the stream, or the timeout, whichever is first.
    static func read(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        until count: Int,
        timeout: Duration,
        started: ContinuousClock.Instant = .now
    ) async -> Exchange {
        await withTaskGroup(of: Exchange?.self) { group in
            group.addTask {
                var result = Exchange()
                do {
                    for try await buffer in inbound {
                        if result.firstByte == nil { result.firstByte = ContinuousClock.now - started }
                        result.received += buffer.readableBytesView
                        if result.received.count >= count { return result }
                    }
                    result.ending = Task.isCancelled ? nil : "eof"
                } catch {
                    result.ending = "\(error)"
                }
                return result
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            var outcome: Exchange?
            while let next = await group.next() {
                if let next { outcome = next }
                group.cancelAll()
            }
            return outcome ?? Exchange()
        }
    }
}
