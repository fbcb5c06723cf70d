import NIOCore
import NIOPosix
import Synchronization

/// What a client saw on one connection.
public struct Exchange: Sendable {
    public var received: [UInt8] = []
    /// How the stream ended: nil while open (the read timed out), "eof", or the error.
    public var ending: String?
    /// Time from the first write to the first byte back.
    public var firstByte: Duration?
    /// Time from the first write to the end of the exchange.
    public var elapsed: Duration = .zero
}

/// A test client on loopback: connect, write, optionally half-close, read until `count` bytes, EOF or `timeout`.
public enum LoopbackClient {
    public static func connect(port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
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

    public static func exchange(
        port: Int,
        send: [UInt8],
        halfClose: Bool = false,
        expect count: Int? = nil,
        timeout: Duration = .seconds(5)
    ) async throws -> Exchange {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await connect(port: port)
        } catch {
            return Exchange(ending: "connect: \(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            let started = ContinuousClock.now
            do {
                if !send.isEmpty { try await outbound.write(ByteBuffer(bytes: send)) }
            } catch {
                return Exchange(ending: "\(error)", elapsed: ContinuousClock.now - started)
            }
            if halfClose { outbound.finish() }
            var iterator = inbound.makeAsyncIterator()
            var result = await read(
                &iterator,
                on: channel.channel,
                until: count ?? Int.max,
                timeout: timeout,
                started: started
            )
            result.elapsed = ContinuousClock.now - started
            return result
        }
    }

    /// Reads until `count` bytes, the end of the stream, or the timeout, whichever is first; on timeout the
    /// connection is closed and `ending` stays nil.
    public static func read(
        _ iterator: inout NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        on channel: any Channel,
        until count: Int,
        timeout: Duration,
        started: ContinuousClock.Instant = .now
    ) async -> Exchange {
        let timedOut = TimeoutFlag()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            timedOut.raise()
            try? await channel.close()
        }
        defer { watchdog.cancel() }
        var result = Exchange()
        do {
            while let buffer = try await iterator.next() {
                if result.firstByte == nil { result.firstByte = ContinuousClock.now - started }
                result.received += buffer.readableBytesView
                if result.received.count >= count { return result }
            }
            result.ending = timedOut.isRaised ? nil : "eof"
        } catch {
            result.ending = timedOut.isRaised ? nil : "\(error)"
        }
        return result
    }
}

/// Set once a read timed out.
public final class TimeoutFlag: Sendable {
    public init() {}
    private let raised = Atomic<Bool>(false)
    public func raise() { raised.store(true, ordering: .relaxed) }
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
