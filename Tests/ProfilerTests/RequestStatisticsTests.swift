import Histogram
import Profiler
import Testing

@Suite struct RequestStatisticsTests {
    @Test func countsResponsesErrorsAndBytes() {
        var statistics = RequestStatistics()
        statistics.recordResponse(
            status: 200,
            responseTimeMicroseconds: 1_500,
            serviceTimeMicroseconds: 900,
            bytesSent: 100,
            bytesReceived: 250
        )
        statistics.recordResponse(
            status: 503,
            responseTimeMicroseconds: 2_000,
            serviceTimeMicroseconds: 2_000,
            bytesSent: 100,
            bytesReceived: 80
        )
        statistics.recordCheckFailure()
        statistics.recordError(.timeout, responseTimeMicroseconds: 5_000_000)
        statistics.recordError(.connectRefused)
        #expect(statistics.responses == 2)
        #expect(statistics.errors == 3)
        // Four requests: two answered (one of them failing its check), one timed out, one refused.
        #expect(statistics.requests == 4)
        #expect(statistics.count(ofStatus: 200) == 1 && statistics.count(ofStatus: 503) == 1)
        #expect(statistics.statuses.map(\.status) == [200, 503])
        #expect(statistics.count(of: .timeout) == 1 && statistics.count(of: .checkFailed) == 1)
        #expect(statistics.bytesSent == 200 && statistics.bytesReceived == 330)
        // The timeout's five seconds show in the tail: three latencies recorded, the largest about 5 s.
        #expect(statistics.responseTime.totalCount == 3)
        #expect(statistics.responseTime.valuesAreEquivalent(statistics.responseTime.max, 5_000_000))
        #expect(statistics.serviceTime.totalCount == 2)
    }

    @Test func impossibleStatusIsCountedAsMalformed() {
        var statistics = RequestStatistics()
        statistics.recordResponse(
            status: 999,
            responseTimeMicroseconds: 10,
            serviceTimeMicroseconds: 10,
            bytesSent: 1,
            bytesReceived: 1
        )
        #expect(statistics.count(of: .malformedResponse) == 1)
        #expect(statistics.count(ofStatus: 999) == 0)
    }

    @Test func intervalsFromTwoLoopsAddLosslessly() {
        var first = IntervalRecording(requestNames: ["login", "order"], start: .seconds(3), end: .seconds(4))
        var second = IntervalRecording(requestNames: ["login", "order"], start: .seconds(4), end: .seconds(5))
        for value in 1...100 {
            first.requests[0].recordResponse(
                status: 200,
                responseTimeMicroseconds: UInt64(value),
                serviceTimeMicroseconds: 1,
                bytesSent: 1,
                bytesReceived: 1
            )
            second.requests[1].recordError(.reset)
        }
        first.iterationsDropped = 2
        second.iterationsDropped = 3
        first.add(second)
        #expect(first.requests[0].responses == 100 && first.requests[1].count(of: .reset) == 100)
        #expect(first.overall.requests == 200)
        #expect(first.iterationsDropped == 5)
        #expect(first.start == .seconds(3) && first.end == .seconds(5))
    }
}
