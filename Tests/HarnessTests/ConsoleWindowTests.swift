import Basics
import Profiler
import Testing

@testable import Harness

/// The console line covers its own window: a stall inside it shows as its max, whatever the last second held.
@Suite struct ConsoleWindowTests {
    static func second(_ index: Int, latencies: [UInt64], errors: Int = 0) -> LiveSecond {
        var recording = IntervalRecording(
            requestNames: ["get"],
            start: .seconds(index),
            end: .seconds(index + 1)
        )
        for latency in latencies {
            recording.requests[0].recordResponse(
                status: 200,
                responseTimeMicroseconds: latency,
                serviceTimeMicroseconds: latency,
                bytesSent: 1,
                bytesReceived: 1
            )
        }
        for _ in 0..<errors { recording.requests[0].recordError(.timeout) }
        return LiveSecond(phase: "steady", recording: recording)
    }

    @Test func aStallEarlyInTheWindowIsItsMaxAndItsP99() {
        var window = ConsoleWindow()
        // Second 0 holds a 1 s response; seconds 1...4 are fast. The line comes after the fifth second.
        #expect(window.add(Self.second(0, latencies: [1_000_000] + Array(repeating: 200, count: 9)), every: 5) == nil)
        for index in 1..<4 {
            #expect(window.add(Self.second(index, latencies: Array(repeating: 200, count: 10)), every: 5) == nil)
        }
        let line = window.add(Self.second(4, latencies: Array(repeating: 200, count: 10), errors: 2), every: 5)
        #expect(line?.hasPrefix("0m05s  phase steady  10 req/s") == true, "\(line ?? "")")
        #expect(line?.contains("max 1000ms") == true, "\(line ?? "")")
        #expect(line?.contains("errors 2") == true, "\(line ?? "")")
        // The next window starts afresh.
        let next = window.add(Self.second(5, latencies: [300]), every: 1)
        #expect(next?.contains("max 0.3ms") == true, "\(next ?? "")")
    }

    @Test func aWindowWithoutAResponseShowsADashNotZero() {
        var window = ConsoleWindow()
        let line = window.add(Self.second(0, latencies: [], errors: 5), every: 1)
        #expect(line?.contains("p99 —  max —") == true, "\(line ?? "")")
    }
}
