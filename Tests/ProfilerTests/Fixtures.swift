import Basics
import Foundation
import Histogram
import Profiler

/// Deterministic runs for the tests: fixed clock, fixed latencies, no randomness unless seeded.
enum Fixtures {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let names = ["login", "create-order"]

    /// `seconds` one-second recordings; request `login` takes `base + second` ms, `create-order` twice that, and
    /// every `errorEvery`-th create-order request times out. With `connections`, see ``recordConnections``.
    static func recordings(
        seconds: Int,
        perSecond: Int = 20,
        baseMilliseconds: UInt64 = 10,
        slowFrom: Int = .max,
        errorEvery: Int = 0,
        connections: Bool = false
    ) -> [IntervalRecording] {
        (0..<seconds).map { second in
            var recording = IntervalRecording(
                requestNames: names,
                start: .seconds(second),
                end: .seconds(second + 1)
            )
            let slow: UInt64 = second >= slowFrom ? 10 : 1
            for index in 0..<perSecond {
                let micros = (baseMilliseconds * 1_000 + UInt64(index) * 100) * slow
                recording.requests[0].recordResponse(
                    status: 200,
                    responseTimeMicroseconds: micros,
                    serviceTimeMicroseconds: micros / 2,
                    bytesSent: 100,
                    bytesReceived: 200
                )
                if errorEvery > 0, index % errorEvery == 0 {
                    recording.requests[1].recordError(.timeout, responseTimeMicroseconds: 5_000_000)
                } else {
                    recording.requests[1].recordResponse(
                        status: 201,
                        responseTimeMicroseconds: micros * 2,
                        serviceTimeMicroseconds: micros,
                        bytesSent: 300,
                        bytesReceived: 150
                    )
                }
            }
            recording.iterationsStarted = UInt64(perSecond)
            recording.iterationsCompleted = UInt64(perSecond)
            if connections { recordConnections(into: &recording, second: second) }
            return recording
        }
    }

    /// `login` opens two h2 connections in the first second; `create-order` one HTTP/1.1-over-TLS connection each
    /// second, and in second 2 three handshakes fail (two refused by the server, one without a common version).
    static func recordConnections(into recording: inout IntervalRecording, second: Int) {
        if second == 0 {
            recording.requests[0].recordConnection(.h2, connectMicroseconds: 250, tlsHandshakeMicroseconds: 1_500)
            recording.requests[0].recordConnection(.h2, connectMicroseconds: 310, tlsHandshakeMicroseconds: 1_900)
        }
        recording.requests[1].recordConnection(
            .http1OverTLS,
            connectMicroseconds: 400 + UInt64(second) * 10,
            tlsHandshakeMicroseconds: 2_000 + UInt64(second) * 50
        )
        if second == 2 {
            recording.requests[1].recordTLSFailure(.rejectedByPeer)
            recording.requests[1].recordTLSFailure(.rejectedByPeer)
            recording.requests[1].recordTLSFailure(.protocolVersion)
        }
    }

    static func metadata(seconds: Int, start: Date = start, hash: String = "sha256:abc123", host: String = "ci-1")
        -> RunMetadata
    {
        RunMetadata(
            scenarioName: "checkout",
            scenarioHash: hash,
            target: "http://127.0.0.1:8080",
            toolVersion: "0.1.0",
            host: host,
            startedAt: start,
            endedAt: start.addingTimeInterval(Double(seconds)),
            phases: [
                PhaseSpan(name: "warm-up", start: 0, end: Double(seconds) / 2),
                PhaseSpan(name: "steady", start: Double(seconds) / 2, end: Double(seconds)),
            ]
        )
    }

    static func resourceSample(_ second: Int) -> ResourceSample {
        let cpu: Double = 40 + Double(second % 5) * 10
        let rss = UInt64(50_000_000 + second * 100_000)
        return ResourceSample(offset: Double(second), process: "order-service", cpuPercent: cpu, rssBytes: rss)
    }

    /// A report of a run with a fault in its middle third, during which latency is ten times higher.
    static func report(seconds: Int = 30, errorEvery: Int = 0, slowFrom: Int? = nil, connections: Bool = false)
        -> Report
    {
        let faultStart = seconds / 3
        let faultEnd = 2 * seconds / 3
        var recordings = recordings(seconds: seconds, errorEvery: errorEvery, connections: connections)
        if let slowFrom {
            recordings = Self.recordings(
                seconds: seconds,
                slowFrom: slowFrom,
                errorEvery: errorEvery,
                connections: connections
            )
        }
        let slowed = Self.recordings(
            seconds: seconds,
            slowFrom: faultStart,
            errorEvery: errorEvery,
            connections: connections
        )
        for index in faultStart..<faultEnd where slowFrom == nil { recordings[index] = slowed[index] }
        let run = RunDescription(
            metadata: metadata(seconds: seconds),
            faults: [FaultWindow(description: "latency on payments", start: Double(faultStart), end: Double(faultEnd))],
            resources: (0..<seconds).map(resourceSample)
        )
        return ReportBuilder.build(recordings: recordings, run: run)
    }
}
