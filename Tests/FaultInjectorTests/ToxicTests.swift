import Basics
import FaultInjector
import NIOCore
import Testing

/// Toxics on a fake clock with a seeded generator: no sockets, no timing tolerance.
@Suite struct ToxicTests {
    let start = ContinuousClock.now
    var random = SplitMix64(seed: 42)

    func chunk(_ text: String, after offset: Duration = .zero) -> Chunk {
        Chunk(bytes: ByteBuffer(string: text), instant: start + offset)
    }

    @Test mutating func latencyDelaysEachChunkByItsLatency() {
        var toxic = LatencyToxic(latency: 100)
        #expect(
            toxic.pipe(chunk("a"), random: &random) == [
                .deliver(ByteBuffer(string: "a"), at: start + .milliseconds(100))
            ]
        )
    }

    @Test mutating func latencyJitterStaysWithinItsBounds() {
        var toxic = LatencyToxic(latency: 100, jitter: 10)
        var seen: Set<Int64> = []
        for _ in 0..<500 {
            let delay = toxic.pipe(chunk("a"), random: &random)[0].instant - start
            #expect(delay >= .milliseconds(90) && delay < .milliseconds(110))
            seen.insert(delay.components.attoseconds / 1_000_000_000_000_000)
        }
        #expect(seen.count > 10, "jitter should spread the delays")
    }

    @Test mutating func bandwidthSpacesBytesAtItsRate() {
        var toxic = BandwidthToxic(rate: 10)  // 10 KB/s = 10 bytes per ms; slices of 1000 bytes
        let first = toxic.pipe(chunk(String(repeating: "x", count: 2500)), random: &random)
        #expect(first.map(\.instant) == [100, 200, 250].map { start + .milliseconds($0) })
        // The next chunk queues behind the first even though it arrived at once.
        let second = toxic.pipe(chunk(String(repeating: "y", count: 100)), random: &random)
        #expect(second.map(\.instant) == [start + .milliseconds(260)])
    }

    @Test mutating func bandwidthZeroMeansUnlimited() {
        var toxic = BandwidthToxic(rate: 0)
        #expect(toxic.pipe(chunk("abc"), random: &random).map(\.instant) == [start])
    }

    @Test mutating func slowCloseDelaysOnlyTheEnd() {
        var toxic = SlowCloseToxic(delay: 50)
        #expect(toxic.pipe(chunk("a"), random: &random).map(\.instant) == [start])
        #expect(toxic.end(at: start) == [.end(at: start + .milliseconds(50))])
    }

    @Test mutating func timeoutDropsDataAndClosesAfterItsTimeout() {
        var toxic = TimeoutToxic(timeout: 30)
        #expect(toxic.start(at: start) == [.close(at: start + .milliseconds(30))])
        #expect(toxic.pipe(chunk("a"), random: &random).isEmpty)
        #expect(toxic.end(at: start).isEmpty)
        var forever = TimeoutToxic(timeout: 0)
        #expect(forever.start(at: start).isEmpty)
    }

    @Test mutating func resetPeerSwallowsTheFirstChunkThenResets() {
        var toxic = ResetPeerToxic(timeout: 20)
        #expect(toxic.pipe(chunk("a"), random: &random) == [.reset(at: start + .milliseconds(20))])
        #expect(toxic.pipe(chunk("b"), random: &random).isEmpty)
    }

    @Test mutating func slicerCutsChunksWithinTheVariation() {
        var toxic = SlicerToxic(averageSize: 10, sizeVariation: 4, delay: 100)
        let pieces = toxic.pipe(chunk(String(repeating: "z", count: 1000)), random: &random)
        let sizes = pieces.compactMap { if case .deliver(let b, _) = $0 { b.readableBytes } else { nil } }
        #expect(sizes.reduce(0, +) == 1000)
        #expect(sizes.dropLast().allSatisfy { (6...14).contains($0) })
        #expect(pieces[1].instant - pieces[0].instant == .microseconds(100))
    }

    @Test mutating func limitDataPassesExactlyItsBytesThenCloses() {
        var toxic = LimitDataToxic(bytes: 5)
        #expect(toxic.pipe(chunk("abc"), random: &random) == [.deliver(ByteBuffer(string: "abc"), at: start)])
        #expect(
            toxic.pipe(chunk("defg"), random: &random) == [
                .deliver(ByteBuffer(string: "de"), at: start), .close(at: start),
            ]
        )
        #expect(toxic.pipe(chunk("h"), random: &random) == [.close(at: start)])
    }

    @Test(arguments: [0.001, 0.01, 0.2])
    mutating func corruptFlipsOneBitInAboutPTimesTheBytes(probability: Double) {
        var toxic = CorruptToxic(probability: probability)
        let size = 2_000_000
        let input = ByteBuffer(repeating: 0, count: size)
        guard case .deliver(let output, _) = toxic.pipe(Chunk(bytes: input, instant: start), random: &random)[0] else {
            Issue.record("no delivery")
            return
        }
        let bytes = Array(output.readableBytesView)
        #expect(bytes.allSatisfy { $0.nonzeroBitCount <= 1 })
        let flipped = Double(bytes.filter { $0 != 0 }.count)
        #expect(abs(flipped - probability * Double(size)) < 0.1 * probability * Double(size))
        #expect(input.readableBytesView.allSatisfy { $0 == 0 }, "the caller's buffer is untouched")
    }

    @Test mutating func packetLossDropsAboutItsShareOfChunks() {
        var toxic = PacketLossToxic(probability: 0.3)
        let kept = (0..<10_000).filter { _ in !toxic.pipe(chunk("p"), random: &random).isEmpty }.count
        #expect((6_700...7_300).contains(kept))
    }

    @Test func registryKnowsEveryTypeByItsToxiproxyName() {
        let names = ToxicRegistry.all.map { $0.typeName }
        #expect(
            names == [
                "latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data", "corrupt",
                "packet_loss", "http_status", "http_latency", "http_abort", "http_header",
            ]
        )
        #expect(ToxicRegistry.type(named: "nope") == nil)
    }
}
