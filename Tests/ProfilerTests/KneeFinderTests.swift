import Foundation
import Profiler
import Testing

/// The knee of a ramp, found from per-second slices built by hand: rate and latency of every second are chosen.
@Suite struct KneeFinderTests {
    /// One second per entry: (arrivals that second, response time of each of its requests in ms, dropped).
    static func report(_ seconds: [(arrivals: UInt64, milliseconds: UInt64)], dropped: UInt64 = 0) -> Report {
        let recordings = seconds.enumerated().map { index, second in
            var recording = IntervalRecording(
                requestNames: ["order"],
                start: .seconds(index),
                end: .seconds(index + 1)
            )
            for _ in 0..<second.arrivals {
                recording.requests[0].recordResponse(
                    status: 201,
                    responseTimeMicroseconds: second.milliseconds * 1_000,
                    serviceTimeMicroseconds: second.milliseconds * 1_000,
                    bytesSent: 10,
                    bytesReceived: 10
                )
            }
            recording.iterationsStarted = second.arrivals
            recording.iterationsCompleted = second.arrivals
            recording.iterationsDropped = dropped
            return recording
        }
        let length = Double(seconds.count)
        var metadata = Fixtures.metadata(seconds: seconds.count)
        metadata.phases = [
            PhaseSpan(name: "climb", start: 0, end: length - 2),
            PhaseSpan(name: "cool-down", start: length - 2, end: length),
        ]
        return ReportBuilder.build(recordings: recordings, run: RunDescription(metadata: metadata))
    }

    static func knee(_ report: Report, _ slos: [String]) throws -> Knee? {
        KneeFinder.find(in: report, criteria: try slos.map(SLOParser.parse), rampingPhases: ["climb"])
    }

    /// 10/s, 20/s, … with latency fine up to 60/s and bad from 70/s on; two cool-down seconds after.
    static let ramp: [(UInt64, UInt64)] = (1...10).map { ($0 * 10, $0 <= 6 ? 10 : 500) } + [(10, 10), (10, 10)]

    @Test func theKneeIsTheLastRateThatHeldBeforeTheSLOBroke() throws {
        let knee = try #require(try Self.knee(Self.report(Self.ramp), ["p99 < 100ms", "error-rate < 1%"]))
        #expect(knee.found)
        #expect(knee.rate == 60 && knee.heldAt == 5)
        #expect(knee.brokenAt == 6 && knee.brokenRate == 70 && knee.brokenBy == "p99 < 100ms")
        #expect(knee.criteria == ["p99 < 100ms", "error-rate < 1%"])
        #expect(KneeRenderer.render(knee).hasPrefix("Knee at 60/s (at 5 s)"))
    }

    @Test func oneSlowSecondAloneIsNoise() throws {
        var ramp = Self.ramp
        ramp[2].1 = 900  // a pause of the host at 30/s
        let knee = try #require(try Self.knee(Self.report(ramp), ["p99 < 100ms"]))
        #expect(knee.rate == 60 && knee.brokenAt == 6)
    }

    @Test func aRampThatHoldsHasNoKneeOnlyItsHighestRate() throws {
        let calm: [(UInt64, UInt64)] = (1...10).map { ($0 * 10, 10) } + [(10, 10), (10, 10)]
        let knee = try #require(try Self.knee(Self.report(calm), ["p99 < 100ms"]))
        #expect(!knee.found && knee.rate == 100 && knee.heldAt == 9)
        #expect(KneeRenderer.render(knee).hasPrefix("No knee within the ramp: the SLOs held up to 100/s"))
    }

    @Test func droppedIterationsCountAsArrivals() throws {
        let knee = try #require(try Self.knee(Self.report(Self.ramp, dropped: 5), ["p99 < 100ms"]))
        #expect(knee.rate == 65 && knee.brokenRate == 75)
    }

    @Test func onlyObjectivesThatApplyToEachSecondAreCriteria() throws {
        // Scoped to another phase, to faults, or a count: none says anything about one second of the climb.
        let slos = ["phase cool-down: p99 < 1us", "during faults: p99 < 1us", "count < 1", "order p99 < 100ms"]
        let knee = try #require(try Self.knee(Self.report(Self.ramp), slos))
        #expect(knee.criteria == ["order p99 < 100ms"])
        #expect(knee.rate == 60)
        #expect(try Self.knee(Self.report(Self.ramp), ["phase cool-down: p99 < 1us"]) == nil)
    }

    @Test func theKneeIsInTheJSONAndTheSummaries() throws {
        var report = Self.report(Self.ramp).evaluating([try SLOParser.parse("p99 < 100ms")])
        report.knee = try Self.knee(report, ["p99 < 100ms"])
        let decoded = try Report(jsonData: report.jsonData())
        #expect(decoded.knee == report.knee)
        #expect(MarkdownRenderer.render(report).contains("**Stress:** Knee at 60/s"))
        #expect(HTMLRenderer.render(report).contains("<strong>Stress:</strong> Knee at 60/s"))
    }
}

/// `ordeal merge` finds the knee again over the joined segments, whose arrival rates add up.
@Suite struct MergedKneeTests {
    @Test func twoHalvesOfARampHaveTheKneeOfTheWholeLoad() throws {
        let slos = try ["p99 < 100ms"].map(SLOParser.parse)
        var halves: [Report] = []
        for _ in 0..<2 {
            // Each segment carries half of every second's arrivals: 5/s, 10/s, ...; the whole load is 10/s, 20/s, ...
            var half = KneeFinderTests.report(KneeFinderTests.ramp.map { ($0.0 / 2, $0.1) })
            half.knee = KneeFinder.find(in: half, criteria: slos, rampingPhases: ["climb"])
            halves.append(half)
        }
        #expect(halves[0].knee?.rate == 30, "one segment alone sees half the rate")
        let merged = try ReportMerger.merge(halves)
        let knee = try #require(merged.knee)
        #expect(knee.rate == 60 && knee.brokenRate == 70 && knee.rampingPhases == ["climb"])
    }
}
