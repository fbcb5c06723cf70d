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

    @Test func countsConnectionsByProtocolWithTheirTimes() {
        var statistics = RequestStatistics()
        #expect(statistics.connectionsOpened == 0 && statistics.connectTime.totalCount == 0)
        statistics.recordConnection(.h2, connectMicroseconds: 300, tlsHandshakeMicroseconds: 1_200)
        statistics.recordConnection(.h2, connectMicroseconds: 500, tlsHandshakeMicroseconds: 1_800)
        statistics.recordConnection(.http1, connectMicroseconds: 200, tlsHandshakeMicroseconds: nil)
        #expect(statistics.connectionsOpened == 3)
        #expect(statistics.connections(using: .h2) == 2 && statistics.connections(using: .http1) == 1)
        #expect(statistics.connections(using: .h2c) == 0 && statistics.connections(using: .http1OverTLS) == 0)
        #expect(statistics.connectTime.totalCount == 3)
        #expect(statistics.tlsHandshakeTime.totalCount == 2)
        #expect(statistics.tlsHandshakeTime.valuesAreEquivalent(statistics.tlsHandshakeTime.max, 1_800))
        // Opening a connection is not a request: nothing else moves.
        #expect(statistics.requests == 0 && statistics.errors == 0 && statistics.responseTime.totalCount == 0)
    }

    @Test func aTLSFailureIsAFailedRequestOfItsKind() {
        var statistics = RequestStatistics()
        statistics.recordTLSFailure(.unknownAuthority)
        statistics.recordTLSFailure(.expired)
        statistics.recordTLSFailure(.notTLS)
        #expect(statistics.count(of: TLSFailureReason.unknownAuthority) == 1)
        #expect(statistics.count(of: TLSFailureReason.notTLS) == 1)
        #expect(statistics.count(of: ErrorKind.certificate) == 2)
        #expect(statistics.count(of: ErrorKind.tlsHandshake) == 1)
        #expect(statistics.requests == 3 && statistics.errors == 3)
        #expect(statistics.responseTime.totalCount == 0 && statistics.connectionsOpened == 0)
    }

    @Test func connectionsAndTLSFailuresAddLosslessly() {
        var first = RequestStatistics()
        var second = RequestStatistics()
        var both = RequestStatistics()
        for micros in stride(from: UInt64(100), through: 5_000, by: 100) {
            first.recordConnection(.http1OverTLS, connectMicroseconds: micros, tlsHandshakeMicroseconds: micros * 3)
            both.recordConnection(.http1OverTLS, connectMicroseconds: micros, tlsHandshakeMicroseconds: micros * 3)
            second.recordConnection(.h2c, connectMicroseconds: micros * 2, tlsHandshakeMicroseconds: nil)
            both.recordConnection(.h2c, connectMicroseconds: micros * 2, tlsHandshakeMicroseconds: nil)
        }
        second.recordTLSFailure(.rejectedByPeer)
        both.recordTLSFailure(.rejectedByPeer)
        first.add(second)
        #expect(first == both)
        #expect(first.connectionsOpened == 100 && first.count(of: TLSFailureReason.rejectedByPeer) == 1)
        // A span without connections adds nothing and leaves the empty histograms empty.
        var quiet = RequestStatistics()
        quiet.add(RequestStatistics())
        #expect(quiet == RequestStatistics())
    }

    @Test func enumerationsHaveDenseIndicesAndTheirContract() {
        #expect(ErrorKind.allCases.map(\.index) == Array(0..<ErrorKind.allCases.count))
        #expect(ConnectionProtocol.allCases.map(\.index) == Array(0..<ConnectionProtocol.allCases.count))
        #expect(TLSFailureReason.allCases.map(\.index) == Array(0..<TLSFailureReason.allCases.count))
        #expect(ErrorKind.allCases.count == 12)
        #expect(
            [ErrorKind.tlsHandshake, .certificate, .streamReset, .goAway].map(\.rawValue)
                == ["tls-handshake", "certificate", "stream-reset", "goaway"]
        )
        #expect(ConnectionProtocol.allCases.filter(\.usesTLS) == [.http1OverTLS, .h2])
        #expect(ConnectionProtocol.allCases.map(\.rawValue) == ["http/1.1", "http/1.1+tls", "h2c", "h2"])
        let certificate = TLSFailureReason.allCases.filter { $0.errorKind == .certificate }
        #expect(certificate == [.unknownAuthority, .nameMismatch, .expired, .notYetValid, .badCertificate])
        #expect(TLSFailureReason.allCases.allSatisfy { [.certificate, .tlsHandshake].contains($0.errorKind) })
        #expect(TLSFailureReason.unknownAuthority.rawValue == "unknown-ca")
        #expect(TLSFailureReason.rejectedByPeer.explanation == "the server refused the handshake (client certificate?)")
        #expect(Set(TLSFailureReason.allCases.map(\.explanation)).count == TLSFailureReason.allCases.count)
    }
}
