import Foundation
import Histogram
import Profiler
import Testing

@Suite struct ReportBuilderTests {
    @Test func totalsAreTheLosslessSumOfTheSeconds() throws {
        let recordings = Fixtures.recordings(seconds: 10, errorEvery: 5)
        let report = ReportBuilder.build(
            recordings: recordings,
            run: RunDescription(metadata: Fixtures.metadata(seconds: 10))
        )
        var expected = LatencyHistogram.latency()
        for recording in recordings { expected.add(recording.requests[0].responseTime) }
        let login = try #require(report.summary(for: "login"))
        #expect(try login.responseTime.decodedHistogram() == expected)
        #expect(login.requests == 200)
        #expect(login.statusCodes == ["200": 200])
        #expect(login.throughput == 20)
        let order = try #require(report.summary(for: "create-order"))
        #expect(order.errors == 40)
        #expect(order.errorKinds == ["timeout": 40])
        #expect(order.statusCodes == ["201": 160])
        #expect(order.errorRate == 0.2)
        #expect(report.overall.requests == 400)
        #expect(report.overall.responseTime.count == 400)
        #expect(report.overall.bytesSent == 200 * 100 + 160 * 300)
        #expect(report.timeline.count == 10)
        #expect(report.timeline[3].start == 3 && report.timeline[3].end == 4)
        #expect(report.timeline[3].requests.map(\.requests) == [20, 20])
        #expect(report.timeline[3].iterationsStarted == 20)
    }

    @Test func percentilesOfAKnownDistribution() throws {
        // 10 000 requests at 1..10 000 µs: every percentile is known to within the histogram's 0.1 %.
        var recording = IntervalRecording(requestNames: ["only"], start: .zero, end: .seconds(1))
        for micros in 1...10_000 {
            recording.requests[0].recordResponse(
                status: 200,
                responseTimeMicroseconds: UInt64(micros),
                serviceTimeMicroseconds: UInt64(micros),
                bytesSent: 1,
                bytesReceived: 1
            )
        }
        let report = ReportBuilder.build(
            recordings: [recording],
            run: RunDescription(metadata: Fixtures.metadata(seconds: 1))
        )
        let latency = report.overall.responseTime
        for (value, exact) in [
            (latency.p50, 5_000.0), (latency.p90, 9_000), (latency.p95, 9_500), (latency.p99, 9_900),
            (latency.p999, 9_990), (latency.p9999, 9_999), (latency.max, 10_000),
        ] {
            #expect(abs(Double(value) - exact) / exact <= 0.001, "\(value) vs \(exact)")
        }
        #expect(latency.min == 1)
        #expect(abs(latency.mean - 5_000.5) < 5)
        #expect(latency.distribution.first?.percentile == 0)
        #expect(latency.distribution.last?.percentile == 100)
    }

    @Test func jsonRoundTripIsExactAndVersioned() throws {
        let report = Fixtures.report(seconds: 6, errorEvery: 4)
            .evaluating([try SLOParser.parse("p99 < 1s"), try SLOParser.parse("during faults: error-rate < 1%")])
        let data = report.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"schemaVersion\" : 1"))
        #expect(text.contains("\"startedAt\" : \"2027-01-15T08:00:00.000Z\""))
        #expect(text.contains("HISTFAAA"))
        let decoded = try Report(jsonData: data)
        #expect(decoded == report)
    }

    @Test(arguments: [
        ("[1, 2]", "not a JSON object"),
        ("{\"hello\": 1}", "no schemaVersion"),
        ("{\"schemaVersion\": 99}", "schema version 99, but this build reads version 1"),
        ("{\"schemaVersion\": 1, \"run\": {}}", "missing field"),
    ])
    func unreadableReportsSayWhy(json: String, expected: String) {
        #expect {
            _ = try Report(jsonData: Data(json.utf8), source: "base.json")
        } throws: { error in
            "\(error)".hasPrefix("base.json: ") && "\(error)".contains(expected)
        }
    }
}
