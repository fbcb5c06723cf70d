import Foundation
import Profiler
import Testing

/// Keeps `docs/report-schema.json` in step with the model: every field a report writes must be described there.
@Suite struct ReportSchemaTests {
    static let schemaFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/report-schema.json")

    static func keys(of value: Any, into keys: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                keys.insert(key)
                Self.keys(of: child, into: &keys)
            }
        } else if let array = value as? [Any] {
            for child in array { Self.keys(of: child, into: &keys) }
        }
    }

    /// A run over TLS without checking certificates: connections on both requests, a few failed handshakes.
    static let connected: Report = {
        var report = Fixtures.report(seconds: 30, errorEvery: 10, connections: true)
        report.run.tlsVerification = RunMetadata.insecureTLS
        return report
    }()

    @Test func everyFieldOfAReportIsInTheSchema() throws {
        var report = RendererTests.report
        report.requests[1].connections = Self.connected.requests[1].connections
        report.run.tlsVerification = Self.connected.run.tlsVerification
        report.run.stopped = RunStop(reason: RunStop.interrupted, at: 3, signal: "SIGTERM")
        report.run.loadStartedAt = report.run.startedAt
        report.run.segment = RunSegment(index: 2, count: 3)
        report.run.startAt = report.run.startedAt
        report.comparison?.metrics[0].change = 0.5
        var gauge = ScrapedSeries(source: "http://h/metrics", series: "up", kind: .gauge, offset: 0, value: 0)
        gauge.add(offset: 1, value: 1)
        report.targetMetrics = [
            ScrapedSeries(source: "http://h/metrics", series: "c_total", kind: .counter, offset: 0, value: 1), gauge,
        ]
        report.knee = Knee(
            criteria: ["p99 < 1s"],
            sustainSeconds: 3,
            held: (60, 5),
            broken: (6, 70, "p99 < 1s"),
            rampingPhases: ["climb"]
        )
        let trend = Drift.Trend(first: 1, last: 2, perHour: 3, points: 600)
        report.drift = Drift(
            seconds: 600,
            memory: [.init(process: "order-service", rssBytes: trend)],
            p99Microseconds: trend
        )
        let json = try JSONSerialization.jsonObject(with: report.jsonData())
        var keys: Set<String> = []
        Self.keys(of: json, into: &keys)
        // Status codes, error kinds, protocols and TLS failure reasons are map keys, not fields.
        keys.subtract(report.requests.flatMap { Array($0.statusCodes.keys) + Array($0.errorKinds.keys) })
        keys.subtract(ConnectionProtocol.allCases.map(\.rawValue) + TLSFailureReason.allCases.map(\.rawValue))
        #expect(keys.contains("tlsFailures") && keys.contains("tlsHandshakeTime") && keys.contains("tlsVerification"))
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaFile))
        var described: Set<String> = []
        Self.keys(of: schema, into: &described)
        #expect(
            keys.subtracting(described).isEmpty,
            "not in docs/report-schema.json: \(keys.subtracting(described).sorted())"
        )
        let version = (schema as? [String: Any])?["properties"].flatMap { ($0 as? [String: Any])?["schemaVersion"] }
        #expect((version as? [String: Any])?["const"] as? Int == Report.currentSchemaVersion)
    }

    @Test func connectionsAndTLSVerificationRoundTrip() throws {
        let report = Self.connected
        let decoded = try Report(jsonData: report.jsonData())
        #expect(decoded == report)
        let connections = try #require(decoded.requests[1].connections)
        #expect(connections.opened == 30 && connections.protocols == ["http/1.1+tls": 30])
        #expect(connections.tlsFailures == ["rejected-by-peer": 2, "protocol-version": 1])
        #expect(connections.tlsHandshakeTime?.count == 30 && connections.connectTime.count == 30)
        #expect(decoded.requests[1].errorKinds["tls-handshake"] == 3)
        #expect(decoded.overall.connections?.opened == 32)
        #expect(decoded.overall.connections?.protocols == ["h2": 2, "http/1.1+tls": 30])
        #expect(decoded.run.tlsVerification == "insecure")
        let text = String(decoding: report.jsonData(), as: UTF8.self)
        #expect(text.contains("\"tlsVerification\" : \"insecure\""))
    }

    @Test func absentConnectionsAndTLSVerificationAreOmitted() throws {
        let report = Fixtures.report(seconds: 4)
        let text = String(decoding: report.jsonData(), as: UTF8.self)
        #expect(!text.contains("connections") && !text.contains("tlsVerification"))
        var plainOnly = IntervalRecording(requestNames: ["get"], start: .zero, end: .seconds(1))
        plainOnly.requests[0].recordConnection(.http1, connectMicroseconds: 90, tlsHandshakeMicroseconds: nil)
        let plain = ReportBuilder.build(
            recordings: [plainOnly],
            run: RunDescription(metadata: Fixtures.metadata(seconds: 1))
        )
        #expect(plain.requests[0].connections?.opened == 1)
        #expect(plain.requests[0].connections?.tlsHandshakeTime == nil, "no TLS connection, no handshake time")
    }

    /// The committed baselines were written before connections and TLS were reported; they must still be read.
    @Test func committedBaselinesStillDecode() throws {
        let folder = Self.schemaFile.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reports/baseline")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        #expect(!files.isEmpty)
        for file in files {
            let report = try Report(jsonData: Data(contentsOf: file), source: file.lastPathComponent)
            #expect(report.run.tlsVerification == nil)
            #expect(report.requests.allSatisfy { $0.connections == nil } && report.overall.connections == nil)
            #expect(try Report(jsonData: report.jsonData()) == report)
        }
    }
}
