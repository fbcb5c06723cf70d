import Basics
import Profiler
import Testing

@Suite struct ComparatorTests {
    /// A run of `seconds` seconds where each second's login latencies are `base` ms scaled by `factor` plus noise.
    static func run(seconds: Int = 20, factor: Double = 1, noise: Double = 0, seed: UInt64 = 1) -> Report {
        var generator = SplitMix64(seed: seed)
        let recordings = (0..<seconds).map { second in
            var recording = IntervalRecording(
                requestNames: ["login"],
                start: .seconds(second),
                end: .seconds(second + 1)
            )
            let jitter = 1 + Double.random(in: -noise...noise, using: &generator)
            for index in 0..<50 {
                let micros = UInt64((10_000 + Double(index) * 40) * factor * jitter)
                recording.requests[0].recordResponse(
                    status: 200,
                    responseTimeMicroseconds: micros,
                    serviceTimeMicroseconds: micros,
                    bytesSent: 1,
                    bytesReceived: 1
                )
            }
            return recording
        }
        return ReportBuilder.build(
            recordings: recordings,
            run: RunDescription(metadata: Fixtures.metadata(seconds: seconds))
        )
    }

    func verdicts(_ comparison: Comparison, request: String = "login") -> [String: MetricComparison.Verdict] {
        Dictionary(
            uniqueKeysWithValues: comparison.metrics.filter { $0.request == request }.map { ($0.metric, $0.verdict) }
        )
    }

    @Test func equalRunsShowNoChange() {
        let comparison = Comparator().compare(base: Self.run(), new: Self.run())
        #expect(!comparison.regressed)
        #expect(comparison.metrics.allSatisfy { $0.verdict == .noChange })
        #expect(Set(comparison.metrics.map(\.request)) == ["*", "login"])
    }

    @Test func noiseOfTheSameDistributionIsNotARegression() {
        let comparison = Comparator().compare(
            base: Self.run(noise: 0.2, seed: 1),
            new: Self.run(noise: 0.2, seed: 2)
        )
        let latency = comparison.metrics.filter { $0.request == "login" && $0.metric.hasPrefix("p") }
        #expect(latency.allSatisfy { $0.verdict == .noChange }, "\(latency)")
        #expect(!comparison.regressed)
    }

    @Test func aShiftIsARegressionWithItsSize() throws {
        let comparison = Comparator().compare(
            base: Self.run(noise: 0.05),
            new: Self.run(factor: 1.3, noise: 0.05, seed: 9)
        )
        let p50 = try #require(comparison.metrics.first { $0.request == "login" && $0.metric == "p50" })
        #expect(p50.verdict == .regression)
        #expect(abs((p50.change ?? 0) - 0.3) < 0.08)
        #expect((p50.pValue ?? 1) < 0.001)
        #expect(comparison.regressed)
        let faster = Comparator().compare(base: Self.run(factor: 1.3, noise: 0.05), new: Self.run(noise: 0.05, seed: 9))
        #expect(verdicts(faster)["p99"] == .improvement)
        #expect(!faster.regressed)
    }

    @Test func aSignificantButSmallChangeStaysBelowTheThreshold() throws {
        let comparison = Comparator(threshold: 0.05).compare(base: Self.run(), new: Self.run(factor: 1.02))
        let p50 = try #require(comparison.metrics.first { $0.request == "login" && $0.metric == "p50" })
        #expect((p50.pValue ?? 1) < 0.05)
        #expect(p50.verdict == .noChange)
        #expect(p50.note.contains("below the 5% threshold"))
        let strict = Comparator(threshold: 0.01).compare(base: Self.run(), new: Self.run(factor: 1.02))
        #expect(verdicts(strict)["p50"] == .regression)
    }

    @Test func tooFewSecondsIsInsufficientData() {
        let comparison = Comparator().compare(base: Self.run(seconds: 3), new: Self.run(seconds: 3, factor: 3))
        #expect(comparison.metrics.allSatisfy { $0.verdict == .insufficientData })
        #expect(!comparison.regressed)
    }
}
