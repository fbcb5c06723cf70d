import Foundation
import Histogram
import Profiler
import Testing

@Suite struct ReportMergerTests {
    @Test func mergePreservesCountsAndHistogramsExactly() throws {
        let first = Fixtures.report(seconds: 10, errorEvery: 4)
        let second = Fixtures.report(seconds: 12, errorEvery: 3)
        let merged = try ReportMerger.merge([first, second])
        for index in first.requests.indices {
            var expected = try first.requests[index].responseTime.decodedHistogram()
            expected.add(try second.requests[index].responseTime.decodedHistogram())
            #expect(try merged.requests[index].responseTime.decodedHistogram() == expected)
            #expect(merged.requests[index].requests == first.requests[index].requests + second.requests[index].requests)
            #expect(merged.requests[index].errors == first.requests[index].errors + second.requests[index].errors)
        }
        #expect(merged.overall.requests == first.overall.requests + second.overall.requests)
        #expect(merged.overall.statusCodes["200"] == 440)
    }

    @Test func timeSeriesAlignByWallClockSecond() throws {
        // The second segment started 5 s after the first on another machine: seconds 5-9 overlap.
        var first = Fixtures.report(seconds: 10)
        var second = Fixtures.report(seconds: 10)
        second.run = Fixtures.metadata(seconds: 10, start: Fixtures.start.addingTimeInterval(5), host: "ci-2")
        first.slos = [SLOEvaluator.evaluate(try SLOParser.parse("rps > 30"), in: first)]
        let merged = try ReportMerger.merge([first, second])
        #expect(merged.run.startedAt == Fixtures.start)
        #expect(merged.run.endedAt == Fixtures.start.addingTimeInterval(15))
        #expect(merged.run.host == "ci-1, ci-2")
        #expect(merged.timeline.map(\.start) == (0..<15).map(Double.init))
        #expect(merged.timeline[2].overall.requests == 40)
        #expect(merged.timeline[7].overall.requests == 80)
        #expect(merged.timeline[12].overall.requests == 40)
        #expect(merged.faults.map(\.start) == [3, 8])
        #expect(merged.slos.count == 1)
        #expect(merged.slos[0].observed == 800.0 / 15.0)
    }

    @Test func reportsOfDifferentScenariosDoNotMerge() {
        let first = Fixtures.report(seconds: 4)
        var second = Fixtures.report(seconds: 4)
        second.run.scenarioHash = "sha256:other"
        #expect {
            _ = try ReportMerger.merge([first, second], sources: ["a.json", "b.json"])
        } throws: { error in
            "\(error)".contains("b.json is of scenario 'checkout' (hash sha256:other)")
        }
        #expect(throws: ReportMergeError.self) { _ = try ReportMerger.merge([]) }
    }

    @Test func mergeAddsConnectionsAndKeepsTheInsecureWarning() throws {
        var first = Fixtures.report(seconds: 10, connections: true)
        var second = Fixtures.report(seconds: 12, connections: true)
        first.run.tlsVerification = RunMetadata.verifiedTLS
        second.run.tlsVerification = RunMetadata.insecureTLS
        let merged = try ReportMerger.merge([first, second])
        #expect(merged.run.tlsVerification == "insecure", "one insecure segment makes the run insecure")
        for index in first.requests.indices {
            let a = try #require(first.requests[index].connections)
            let b = try #require(second.requests[index].connections)
            let sum = try #require(merged.requests[index].connections)
            #expect(sum.opened == a.opened + b.opened)
            #expect(sum.protocols == a.protocols.merging(b.protocols, uniquingKeysWith: +))
            #expect(sum.tlsFailures == a.tlsFailures.merging(b.tlsFailures, uniquingKeysWith: +))
            var connect = try a.connectTime.decodedHistogram()
            connect.add(try b.connectTime.decodedHistogram())
            #expect(try sum.connectTime.decodedHistogram() == connect)
            var handshake = try #require(a.tlsHandshakeTime).decodedHistogram()
            handshake.add(try #require(b.tlsHandshakeTime).decodedHistogram())
            #expect(try #require(sum.tlsHandshakeTime).decodedHistogram() == handshake)
        }
        #expect(merged.requests[1].connections?.tlsFailures == ["rejected-by-peer": 4, "protocol-version": 2])
        #expect(merged.overall.connections?.opened == 2 + 10 + 2 + 12)
        // Segments without TLS merge to a run without TLS; a plain one next to a verified one stays verified.
        let plain = try ReportMerger.merge([Fixtures.report(seconds: 4), Fixtures.report(seconds: 4)])
        #expect(plain.run.tlsVerification == nil)
        #expect(try ReportMerger.merge([Fixtures.report(seconds: 4), first]).run.tlsVerification == "verified")
    }
}
