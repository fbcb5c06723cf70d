import FaultInjector
import TestSupport
import Testing

/// Every toxic on real sockets: a client, the proxy and an echo server on loopback.
@Suite(.timeLimit(.minutes(1))) struct ProxyToxicTests {
    @Test func passesBytesUntouchedWithNoToxic() async throws {
        try await ProxyFixture.with { fixture in
            let data = pattern(1 << 20)
            let result = try await LoopbackClient.exchange(port: fixture.port, send: data, halfClose: true)
            #expect(result.received == data)
            #expect(result.ending == "eof")
        }
    }

    @Test func latencyDelaysTheRoundTrip() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: LatencyToxic(latency: 100)))
            let result = try await LoopbackClient.exchange(port: fixture.port, send: pattern(10), expect: 10)
            #expect(result.received == pattern(10))
            #expect(result.elapsed >= .milliseconds(100) && result.elapsed < .seconds(10))
        }
    }

    @Test func bandwidthHoldsTheRate() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: BandwidthToxic(rate: 500)))  // 500 KB/s
            let data = pattern(100_000)
            let result = try await LoopbackClient.exchange(port: fixture.port, send: data, expect: data.count)
            #expect(result.received == data)
            #expect(result.elapsed >= .milliseconds(180) && result.elapsed < .seconds(10))
        }
    }

    @Test func slowCloseDelaysTheFin() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: SlowCloseToxic(delay: 200)))
            let result = try await LoopbackClient.exchange(port: fixture.port, send: pattern(5), halfClose: true)
            #expect(result.received == pattern(5))
            #expect(result.ending == "eof")
            // The FIN comes no sooner than the delay. (When the data came is not asserted: under parallel CPU-heavy
            // tests the client's reads can be starved until both have arrived.)
            #expect(result.elapsed >= .milliseconds(200))
        }
    }

    @Test func timeoutDropsDataThenCloses() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(stream: .upstream, toxic: TimeoutToxic(timeout: 150)))
            let begun = ContinuousClock.now
            let result = try await LoopbackClient.exchange(port: fixture.port, send: pattern(5))
            #expect(result.received.isEmpty)
            #expect(result.ending != nil)
            // The 150 ms count from the upstream connection, made after `begun` but maybe before our write.
            #expect(ContinuousClock.now - begun >= .milliseconds(150), "ended with \(result.ending ?? "nothing")")
        }
    }

    @Test func timeoutZeroHoldsTheConnectionSilently() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: TimeoutToxic(timeout: 0)))
            let result = try await LoopbackClient.exchange(
                port: fixture.port,
                send: pattern(5),
                timeout: .milliseconds(300)
            )
            #expect(result.received.isEmpty)
            #expect(result.ending == nil, "still open")
        }
    }

    @Test func resetPeerSendsARst() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(stream: .upstream, toxic: ResetPeerToxic(timeout: 50)))
            let result = try await LoopbackClient.exchange(port: fixture.port, send: pattern(5))
            #expect(result.received.isEmpty)
            #expect(
                result.ending?.contains("reset") == true || result.ending?.contains("ECONNRESET") == true,
                "\(result.ending ?? "open")"
            )
        }
    }

    @Test func slicerDeliversEverythingInOrder() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: SlicerToxic(averageSize: 100, sizeVariation: 50, delay: 100)))
            let data = pattern(20_000)
            let result = try await LoopbackClient.exchange(port: fixture.port, send: data, expect: data.count)
            #expect(result.received == data)
        }
    }

    @Test func limitDataCutsAfterItsBytes() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: LimitDataToxic(bytes: 1_000)))
            // Generous: the close is seen at once on a quiet machine; a busy one must not turn it into a timeout.
            let result = try await LoopbackClient.exchange(
                port: fixture.port,
                send: pattern(5_000),
                timeout: .seconds(30)
            )
            #expect(result.received == Array(pattern(5_000).prefix(1_000)))
            #expect(result.ending != nil)
        }
    }

    @Test func corruptAtCertaintyChangesEveryByte() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: CorruptToxic(probability: 1)))
            let data = pattern(4_096)
            let result = try await LoopbackClient.exchange(port: fixture.port, send: data, expect: data.count)
            #expect(result.received.count == data.count)
            #expect(zip(result.received, data).allSatisfy { ($0 ^ $1).nonzeroBitCount == 1 })
        }
    }

    @Test func packetLossAtCertaintyLetsNothingThrough() async throws {
        try await ProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: PacketLossToxic(probability: 1)))
            let result = try await LoopbackClient.exchange(
                port: fixture.port,
                send: pattern(100),
                timeout: .milliseconds(300)
            )
            #expect(result.received.isEmpty)
        }
    }
}
