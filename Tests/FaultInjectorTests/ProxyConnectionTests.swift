import Basics
import FaultInjector
import Foundation
import NIOCore
import NIOPosix
import TestSupport
import Testing

/// The proxy's plumbing on real sockets: toxicity, live changes, refused upstreams, half-close, leaks, back-pressure.
@Suite(.timeLimit(.minutes(2))) struct ProxyConnectionTests {
    @Test func toxicityIsDrawnPerConnection() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxicity: 0.5, toxic: LatencyToxic(latency: 200)))
            var slow = 0
            for _ in 0..<30 {
                let result = try await LoopbackClient.exchange(port: fixture.port, send: [1], expect: 1)
                if result.elapsed >= .milliseconds(200) { slow += 1 }
            }
            #expect((5...25).contains(slow), "\(slow) of 30 connections were slowed")
        }
    }

    @Test func toxicityZeroNeverApplies() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxicity: 0, toxic: PacketLossToxic(probability: 1)))
            for _ in 0..<10 {
                let result = try await LoopbackClient.exchange(port: fixture.port, send: [1, 2, 3], expect: 3)
                #expect(result.received == [1, 2, 3])
            }
        }
    }

    @Test func toxicsAddedAndRemovedMidConnectionTakeEffect() async throws {
        try await ProxyFixture.with { fixture in
            let channel = try await LoopbackClient.connect(port: fixture.port)
            try await channel.executeThenClose { inbound, outbound in
                var iterator = inbound.makeAsyncIterator()
                func roundTrip() async throws -> Duration {
                    let started = ContinuousClock.now
                    try await outbound.write(ByteBuffer(bytes: [7]))
                    let result = await LoopbackClient.read(
                        &iterator,
                        on: channel.channel,
                        until: 1,
                        timeout: .seconds(30)
                    )
                    #expect(result.received == [7])
                    return ContinuousClock.now - started
                }
                let quick = try await roundTrip()
                // Bounds are far apart, so that even a concurrency pool starved for seconds by CPU-heavy tests
                // running alongside cannot blur "no toxic" into "a 12 s toxic".
                #expect(quick < .seconds(10), "\(quick)")
                try fixture.proxy.addToxic(ToxicSpec(toxic: LatencyToxic(latency: 12_000)))
                try await Task.sleep(for: .milliseconds(20))
                #expect(try await roundTrip() >= .seconds(12))
                try fixture.proxy.removeToxic(named: "latency_downstream")
                try await Task.sleep(for: .milliseconds(20))
                let again = try await roundTrip()
                #expect(again < .seconds(10), "\(again)")
            }
        }
    }

    @Test func refusedUpstreamIsPassedOnAndTheProxySurvives() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let proxy = try Proxy(ProxyConfiguration(name: "dead", upstream: "127.0.0.1:\(refusing.port)"))
        try await proxy.start()
        let port = HostAndPort(proxy.configuration.listen)!.port
        for _ in 0..<3 {
            let result = try await LoopbackClient.exchange(port: port, send: [1])
            #expect(result.received.isEmpty)
            #expect(result.ending != nil && result.ending != "open")
        }
        let echo = try await EchoServer.start()
        var configuration = proxy.configuration
        configuration.upstream = "127.0.0.1:\(echo.port)"
        try await proxy.update(configuration)
        let port2 = HostAndPort(proxy.configuration.listen)!.port
        let result = try await LoopbackClient.exchange(port: port2, send: [9], expect: 1)
        #expect(result.received == [9])
        await proxy.stop()
        await echo.stop()
    }

    @Test func halfCloseIsForwardedBothWays() async throws {
        try await ProxyFixture.with { fixture in
            let channel = try await LoopbackClient.connect(port: fixture.port)
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(bytes: pattern(3_000)))
                outbound.finish()
                // Our side is closed for writing, yet the reply still comes, then the server's FIN.
                var iterator = inbound.makeAsyncIterator()
                let result = await LoopbackClient.read(
                    &iterator,
                    on: channel.channel,
                    until: .max,
                    timeout: .seconds(30)
                )
                #expect(result.received == pattern(3_000))
                #expect(result.ending == "eof")
            }
        }
    }

    @Test func thousandsOfShortConnectionsLeakNoDescriptor() async throws {
        try await ProxyFixture.with { fixture in
            _ = try await LoopbackClient.exchange(port: fixture.port, send: [0], halfClose: true)
            let before = try openDescriptors()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<20 {
                    group.addTask {
                        for index in 0..<100 {
                            let byte = UInt8(truncatingIfNeeded: worker &+ index)
                            let result = try await LoopbackClient.exchange(
                                port: fixture.port,
                                send: [byte],
                                halfClose: true
                            )
                            #expect(result.received == [byte], "ended with \(result.ending ?? "nothing")")
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(fixture.proxy.connectionCount == 0)
            // The count is the whole test process's, which parallel tests also open and close descriptors in: a
            // leak stays, their passing descriptors go, so the count gets a few seconds to come back down.
            let deadline = ContinuousClock.now + .seconds(10)
            while try openDescriptors() > before + 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try openDescriptors() <= before + 2)
        }
    }

    @Test func aSlowReaderHoldsBackTheSender() async throws {
        try await withBackPressure(toxic: nil)
        try await withBackPressure(toxic: LatencyToxic(latency: 50))
    }

    /// An HTTP-mode proxy framing an endless response body holds back its sender just the same, with an HTTP
    /// toxic on the exchange or not.
    @Test func aSlowReaderHoldsBackTheSenderThroughAnHTTPProxy() async throws {
        try await withBackPressure(toxic: nil, protocol: .http)
        try await withBackPressure(toxic: HTTPHeaderToxic(setName: "X-Flood", setValue: "1"), protocol: .http)
    }

    /// A server floods the proxy while the client reads nothing: the flood must stall at a bounded amount. Over
    /// HTTP the client first sends a request, and the flood is the body of the response.
    private func withBackPressure(toxic: (any Toxic)?, protocol: ProxyProtocol = .tcp) async throws {
        let flood = try await FloodServer.start(answeringHTTP: `protocol` == .http)
        let proxy = try Proxy(
            ProxyConfiguration(name: "flood", upstream: "127.0.0.1:\(flood.port)", protocol: `protocol`)
        )
        try await proxy.start()
        if let toxic { try proxy.addToxic(ToxicSpec(toxic: toxic)) }
        let client = try await LoopbackClient.connect(port: HostAndPort(proxy.configuration.listen)!.port)
        if `protocol` == .http {
            try await client.channel.writeAndFlush(ByteBuffer(string: "GET /flood HTTP/1.1\r\nHost: t\r\n\r\n"))
        }
        // Wait for the flood to stall (under 64 KiB more in half a second) rather than for a fixed time, which a
        // busy machine can spend before the socket buffers even fill; without back-pressure it never stalls.
        var sent = flood.sent
        var stalled = false
        let deadline = ContinuousClock.now + .seconds(20)
        while !stalled, sent < 64 << 20, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            let now = flood.sent
            stalled = now > 0 && now - sent < 64 << 10
            sent = now
        }
        #expect(sent > 0)
        #expect(sent < 64 << 20, "the proxy took \(sent >> 20) MiB for a client that reads nothing")
        #expect(stalled, "the flood should have stalled, yet \(sent) bytes went in")
        try await client.executeThenClose { inbound, _ in
            var iterator = inbound.makeAsyncIterator()
            let drained = await LoopbackClient.read(
                &iterator,
                on: client.channel,
                until: 1 << 20,
                timeout: .seconds(30)
            )
            #expect(drained.received.count >= 1 << 20, "reading resumes the flow")
        }
        await proxy.stop()
        await flood.stop()
    }
}

/// The number of open file descriptors of this process.
func openDescriptors() throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
}
