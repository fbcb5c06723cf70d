import Foundation
import Profiler
import Testing

/// The drift of a run, from per-second slices and resource samples built by hand.
@Suite struct DriftFinderTests {
    /// `seconds` one-second slices whose requests take `milliseconds(second)`.
    static func report(seconds: Int, milliseconds: (Int) -> UInt64) -> Report {
        let recordings = (0..<seconds).map { index in
            var recording = IntervalRecording(requestNames: ["order"], start: .seconds(index), end: .seconds(index + 1))
            for _ in 0..<5 {
                recording.requests[0].recordResponse(
                    status: 200,
                    responseTimeMicroseconds: milliseconds(index) * 1_000,
                    serviceTimeMicroseconds: milliseconds(index) * 1_000,
                    bytesSent: 10,
                    bytesReceived: 10
                )
            }
            return recording
        }
        return ReportBuilder.build(
            recordings: recordings,
            run: RunDescription(metadata: Fixtures.metadata(seconds: seconds))
        )
    }

    @Test func aGrowingProcessAndASlowingServiceShowTheirSlopesPerHour() throws {
        var report = Self.report(seconds: 40) { 10 + UInt64($0) }  // p99 rises 1 ms a second
        // 1 MiB more every second for "leaky"; "steady" stays at 50 MiB.
        report.resources = (0..<40).flatMap { second in
            [
                ResourceSample(
                    offset: Double(second),
                    process: "leaky",
                    cpuPercent: 10,
                    rssBytes: UInt64(100 + second) << 20
                ),
                ResourceSample(offset: Double(second), process: "steady", cpuPercent: 10, rssBytes: 50 << 20),
            ]
        }
        let drift = try #require(DriftFinder.find(in: report, minimumSeconds: 30))
        #expect(drift.seconds == 40)
        #expect(drift.memory.map(\.process) == ["leaky", "steady"])
        let leaky = drift.memory[0].rssBytes
        #expect(abs(leaky.perHour - 3600 * 1_048_576) < 1_048_576, "1 MiB/s is 3600 MiB/h: \(leaky.perHour)")
        #expect(leaky.first == Double(101 << 20) + Double(1 << 19), "mean of the first four seconds, 100...103 MiB")
        #expect(drift.memory[1].rssBytes.perHour == 0)
        let p99 = try #require(drift.p99Microseconds)
        #expect(abs(p99.perHour / 1_000 - 3600) < 100, "1 ms/s is about 3600 ms/h: \(p99.perHour)")
        #expect(p99.last > p99.first)
        let sentence = DriftRenderer.render(drift)
        #expect(sentence.contains("leaky RSS 102 → 138 MiB (+3600 MiB/h)"), "\(sentence)")
        #expect(sentence.contains("steady RSS 50 → 50 MiB (+0 MiB/h)"), "\(sentence)")
    }

    @Test func aShortRunHasNoDrift() {
        let report = Self.report(seconds: 20) { _ in 5 }
        #expect(DriftFinder.find(in: report) == nil, "below the 10-minute default")
        #expect(DriftFinder.find(in: report, minimumSeconds: 10)?.memory == [], "no samples, no memory trend")
    }
}
