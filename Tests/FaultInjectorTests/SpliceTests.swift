import Basics
import FaultInjector
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import TestSupport
import Testing

/// The splice path of a TCP proxy with no toxic, on real sockets: bytes both ways, half-close, resets, the hand-over
/// to NIO when a toxic is added, and closing on disable. Time bounds are lower bounds or generous hang guards.
@Suite(.timeLimit(.minutes(2))) struct SpliceTests {
    @Test(arguments: [true, false]) func largeTransferArrivesByteForByte(splice: Bool) async throws {
        try await ProxyFixture.with(splice: splice) { fixture in
            let data = pattern(8 << 20)
            let channel = try await LoopbackClient.connect(port: fixture.port)
            let result = try await channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var offset = 0
                        while offset < data.count {
                            let end = min(offset + (64 << 10), data.count)
                            try await outbound.write(ByteBuffer(bytes: data[offset..<end]))
                            offset = end
                        }
                        outbound.finish()
                    }
                    var iterator = inbound.makeAsyncIterator()
                    let result = await LoopbackClient.read(
                        &iterator,
                        on: channel.channel,
                        until: .max,
                        timeout: .seconds(60)
                    )
                    try await group.waitForAll()
                    return result
                }
            }
            #expect(result.received.count == data.count)
            #expect(result.received == data)
            #expect(result.ending == "eof")
        }
    }

    @Test func connectionsWithNoToxicTakeTheSplicePath() async throws {
        try await ProxyFixture.with { fixture in
            let channel = try await LoopbackClient.connect(port: fixture.port)
            try await channel.executeThenClose { inbound, outbound in
                var iterator = inbound.makeAsyncIterator()
                try await outbound.write(ByteBuffer(bytes: [1, 2, 3]))
                let echoed = await LoopbackClient.read(&iterator, on: channel.channel, until: 3, timeout: .seconds(30))
                #expect(echoed.received == [1, 2, 3])
                #expect(fixture.proxy.splicedConnectionCount == 1)
                #expect(fixture.proxy.connectionCount == 1)
            }
        }
    }

    @Test func upstreamHalfCloseIsForwardedWhileTheClientKeepsSending() async throws {
        let server = try await GreetThenFinServer.start(greeting: pattern(1_000))
        let proxy = try Proxy(ProxyConfiguration(name: "fin-first", upstream: "127.0.0.1:\(server.port)"))
        try await proxy.start()
        let channel = try await LoopbackClient.connect(port: HostAndPort(proxy.configuration.listen)!.port)
        try await channel.executeThenClose { inbound, outbound in
            var iterator = inbound.makeAsyncIterator()
            let greeting = await LoopbackClient.read(&iterator, on: channel.channel, until: .max, timeout: .seconds(30))
            #expect(greeting.received == pattern(1_000))
            #expect(greeting.ending == "eof")
            // The server's FIN came through; our direction still flows to it.
            try await outbound.write(ByteBuffer(bytes: pattern(100_000)))
            outbound.finish()
            let deadline = ContinuousClock.now + .seconds(30)
            while server.received < 100_000 || !server.sawEnd, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(server.received == 100_000)
            #expect(server.sawEnd)
        }
        await proxy.stop()
        await server.stop()
    }

    @Test func refusedUpstreamResetsTheClient() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let proxy = try Proxy(ProxyConfiguration(name: "refused", upstream: "127.0.0.1:\(refusing.port)"))
        try await proxy.start()
        let result = try await LoopbackClient.exchange(
            port: HostAndPort(proxy.configuration.listen)!.port,
            send: [],
            timeout: .seconds(30)
        )
        #expect(result.received.isEmpty)
        #expect(isReset(result.ending), "\(result.ending ?? "open")")
        await proxy.stop()
    }

    @Test func aClientResetResetsTheUpstream() async throws {
        let server = try await GreetThenFinServer.start(greeting: nil)
        let proxy = try Proxy(ProxyConfiguration(name: "reset", upstream: "127.0.0.1:\(server.port)"))
        try await proxy.start()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: HostAndPort(proxy.configuration.listen)!.port).get()
        try await channel.writeAndFlush(ByteBuffer(bytes: [1, 2, 3])).get()
        let deadline = ContinuousClock.now + .seconds(30)
        while server.received < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.received == 3)
        try await (channel as! any SocketOptionProvider).setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        try await channel.close()
        while server.ending == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(isReset(server.ending), "the upstream saw \(server.ending ?? "nothing")")
        await proxy.stop()
        await server.stop()
    }

    @Test func anUpstreamResetResetsTheClient() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(ResetOnRead()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let proxy = try Proxy(ProxyConfiguration(name: "rst", upstream: "127.0.0.1:\(server.localAddress!.port!)"))
        try await proxy.start()
        let result = try await LoopbackClient.exchange(
            port: HostAndPort(proxy.configuration.listen)!.port,
            send: [1],
            timeout: .seconds(30)
        )
        #expect(result.received.isEmpty)
        #expect(isReset(result.ending), "\(result.ending ?? "open")")
        await proxy.stop()
        try await server.close()
    }

    @Test func anUpstreamThatNeverAnswersTheConnectResetsTheClientAfterTheTimeout() async throws {
        let silent = try SilentListener()
        defer { withExtendedLifetime(silent) {} }
        let proxy = try Proxy(ProxyConfiguration(name: "silent", upstream: "127.0.0.1:\(silent.port)"))
        try await proxy.start()
        // The connect begins once the proxy accepts, after `begun`; the exchange's own clock starts later still.
        let begun = ContinuousClock.now
        let result = try await LoopbackClient.exchange(
            port: HostAndPort(proxy.configuration.listen)!.port,
            send: [],
            timeout: .seconds(60)
        )
        #expect(isReset(result.ending), "\(result.ending ?? "open")")
        #expect(ContinuousClock.now - begun >= .seconds(10), "\(ContinuousClock.now - begun)")
        await proxy.stop()
    }

    @Test func aLatencyToxicAddedMidStreamTakesOverWithNoByteLostOrReordered() async throws {
        try await ProxyFixture.with { fixture in
            let data = pattern(1 << 20)
            let half = data.count / 2
            let channel = try await LoopbackClient.connect(port: fixture.port)
            try await channel.executeThenClose { inbound, outbound in
                var iterator = inbound.makeAsyncIterator()
                try await outbound.write(ByteBuffer(bytes: data[0..<half]))
                var received = await LoopbackClient.read(
                    &iterator,
                    on: channel.channel,
                    until: 64 << 10,
                    timeout: .seconds(30)
                ).received
                #expect(fixture.proxy.splicedConnectionCount == 1)
                try fixture.proxy.addToxic(ToxicSpec(toxic: LatencyToxic(latency: 300)))
                try await outbound.write(ByteBuffer(bytes: data[half...]))
                received += await LoopbackClient.read(
                    &iterator,
                    on: channel.channel,
                    until: data.count - received.count,
                    timeout: .seconds(30)
                ).received
                #expect(received.count == data.count)
                #expect(received == data)
                #expect(fixture.proxy.splicedConnectionCount == 0)
                #expect(fixture.proxy.connectionCount == 1)
                let started = ContinuousClock.now
                try await outbound.write(ByteBuffer(bytes: [42]))
                let late = await LoopbackClient.read(&iterator, on: channel.channel, until: 1, timeout: .seconds(30))
                #expect(late.received == [42])
                #expect(ContinuousClock.now - started >= .milliseconds(300), "the latency applies after the hand-over")
            }
        }
    }

    @Test func disablingTheProxyClosesSpliceConnections() async throws {
        try await ProxyFixture.with { fixture in
            let channel = try await LoopbackClient.connect(port: fixture.port)
            try await channel.executeThenClose { inbound, outbound in
                var iterator = inbound.makeAsyncIterator()
                try await outbound.write(ByteBuffer(bytes: [5]))
                let echoed = await LoopbackClient.read(&iterator, on: channel.channel, until: 1, timeout: .seconds(30))
                #expect(echoed.received == [5])
                #expect(fixture.proxy.splicedConnectionCount == 1)
                var configuration = fixture.proxy.configuration
                configuration.enabled = false
                try await fixture.proxy.update(configuration)
                let after = await LoopbackClient.read(
                    &iterator,
                    on: channel.channel,
                    until: .max,
                    timeout: .seconds(30)
                )
                #expect(after.ending != nil, "the connection was closed, not left open")
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while fixture.proxy.connectionCount > 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(fixture.proxy.connectionCount == 0)
        }
    }
}

/// Resets its connection (SO_LINGER 0) as soon as anything arrives.
private final class ResetOnRead: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let channel = context.channel
        _ = (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
        context.close(promise: nil)
    }
}

/// A loopback port whose listener never accepts and whose queue is full, so a new connect hangs (its SYNs dropped).
private final class SilentListener: Sendable {
    let port: Int
    private let descriptors: [Int32]

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 0) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard ready else { throw Errno(errno) }
        port = Int(UInt16(bigEndian: address.sin_port))
        // A backlog of 0 holds one connection: two fill it.
        var fillers: [Int32] = []
        for _ in 0..<2 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) }
            }
            fillers.append(filler)
        }
        usleep(200_000)
        descriptors = [listener] + fillers
    }

    deinit { descriptors.forEach { close($0) } }

    struct Errno: Error { let code: Int32; init(_ code: Int32) { self.code = code } }
}

/// Whether a connection's ending is a TCP reset (a write after one fails with a broken pipe).
private func isReset(_ ending: String?) -> Bool {
    guard let ending else { return false }
    return ["reset", "ECONNRESET", "errno: 104", "Broken pipe", "errno: 32"].contains { ending.contains($0) }
}

/// A server that sends a greeting and its FIN at once (or nothing, if no greeting), then counts what it receives and
/// records how its last connection ended: "eof", "closed" (a FIN after our own) or the error.
private final class GreetThenFinServer: Sendable {
    let channel: any Channel
    let counter: Counter
    var port: Int { channel.localAddress!.port! }
    var received: Int { counter.bytes.load(ordering: .relaxed) }
    var sawEnd: Bool { counter.ended.load(ordering: .relaxed) }
    var ending: String? { counter.ending.withLock { $0 } }

    final class Counter: Sendable {
        let bytes = Atomic<Int>(0)
        let ended = Atomic<Bool>(false)
        let ending = Mutex<String?>(nil)
    }

    private init(channel: any Channel, counter: Counter) {
        self.channel = channel
        self.counter = counter
    }

    static func start(greeting: [UInt8]?) async throws -> GreetThenFinServer {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(greeting: greeting, counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return GreetThenFinServer(channel: channel, counter: counter)
    }

    func stop() async { try? await channel.close() }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let greeting: [UInt8]?
        let counter: Counter

        init(greeting: [UInt8]?, counter: Counter) {
            self.greeting = greeting
            self.counter = counter
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: greeting)), promise: nil)
                context.close(mode: .output, promise: nil)
            }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            counter.bytes.add(unwrapInboundIn(data).readableBytes, ordering: .relaxed)
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent {
                counter.ended.store(true, ordering: .relaxed)
                counter.ending.withLock { $0 = $0 ?? "eof" }
                context.close(promise: nil)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            counter.ending.withLock { $0 = $0 ?? "\(error)" }
            context.close(promise: nil)
        }

        /// NIO reports a FIN that comes after our own output close as the channel's end, not as `inputClosed`.
        func channelInactive(context: ChannelHandlerContext) {
            let ending = counter.ending.withLock { ending in
                ending = ending ?? "closed"
                return ending
            }
            if ending == "closed" || ending == "eof" { counter.ended.store(true, ordering: .relaxed) }
        }
    }
}
