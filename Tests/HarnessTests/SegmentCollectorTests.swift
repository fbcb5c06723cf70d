import Foundation
import Harness
import Profiler
import TestSupport
import Testing

/// `merge --wait`'s collector on real files in a temporary folder: it waits for late reports, and names what is
/// missing at its timeout or wrong as soon as it appears.
@Suite(.timeLimit(.minutes(2))) struct SegmentCollectorTests {
    static func write(segment index: Int, of count: Int, into folder: TemporaryFolder, stopped: RunStop? = nil) throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var metadata = RunMetadata(
            scenarioName: "checkout",
            scenarioHash: "abc",
            target: "http://10.0.0.1",
            toolVersion: "test",
            host: "gen-\(index)",
            startedAt: start,
            endedAt: start.addingTimeInterval(2)
        )
        metadata.segment = RunSegment(index: index, count: count)
        metadata.startAt = start
        metadata.stopped = stopped
        let report = ReportAccumulator(requestNames: ["get"]).report(run: RunDescription(metadata: metadata))
        let directory = folder.file("segment-\(index - 1)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try report.jsonData().write(to: URL(fileURLWithPath: directory + "/report.json"), options: .atomic)
    }

    @Test func waitsForReportsThatArriveLater() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.write(segment: 2, of: 3, into: folder)
        let late = Task {
            try await Task.sleep(for: .milliseconds(600))
            try Self.write(segment: 1, of: 3, into: folder)
            try Self.write(segment: 3, of: 3, into: folder)
        }
        let collector = SegmentCollector(
            count: 3,
            paths: [folder.path],
            timeout: .seconds(60),
            pollInterval: .milliseconds(50)
        )
        let reports = try await collector.collect()
        try await late.value
        #expect(reports.map(\.report.run.segment?.index) == [1, 2, 3])
        #expect(reports[0].path.hasSuffix("segment-0/report.json"))
    }

    @Test func aSegmentThatNeverReportsIsNamedAtTheTimeout() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.write(segment: 1, of: 3, into: folder)
        try Self.write(segment: 3, of: 3, into: folder)
        let started = ContinuousClock.now
        let collector = SegmentCollector(count: 3, paths: [folder.path], timeout: .milliseconds(300))
        await #expect {
            _ = try await collector.collect()
        } throws: { error in
            "\(error)".contains("missing segment 2/3 (JOB_COMPLETION_INDEX=1)")
        }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
    }

    @Test func aFailedSegmentEndsTheWaitAtOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.write(
            segment: 1,
            of: 2,
            into: folder,
            stopped: RunStop(reason: "interrupted", at: 1, signal: "SIGTERM")
        )
        let collector = SegmentCollector(count: 2, paths: [folder.path], timeout: .seconds(600))
        await #expect {
            _ = try await collector.collect()
        } throws: { error in
            "\(error)".contains("segment 1/2 (JOB_COMPLETION_INDEX=0)") && "\(error)".contains("did not run to its end")
        }
    }

    @Test func aReportThatIsNotOneIsNamed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("x"), withIntermediateDirectories: true)
        try folder.write("{\"hello\": 1}", to: "x/report.json")
        let collector = SegmentCollector(count: 2, paths: [folder.path], timeout: .seconds(600))
        await #expect {
            _ = try await collector.collect()
        } throws: { error in
            "\(error)".contains("x/report.json: no schemaVersion")
        }
    }
}
