import Foundation
import Profiler
import Testing

/// `ordeal report`, `compare` and `merge` as real processes on real files.
@Suite struct ReportCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ordeal-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes a 12-second report whose requests take `milliseconds` (plus a small spread) and returns its path.
    func writeReport(_ name: String, milliseconds: UInt64, start: Double = 1_800_000_000, slo: String? = nil) throws
        -> String
    {
        let recordings = (0..<12).map { second in
            var recording = IntervalRecording(requestNames: ["get"], start: .seconds(second), end: .seconds(second + 1))
            for index in 0..<30 {
                let micros = milliseconds * 1_000 + UInt64((index * 37 + second * 11) % 300)
                recording.requests[0].recordResponse(
                    status: 200,
                    responseTimeMicroseconds: micros,
                    serviceTimeMicroseconds: micros,
                    bytesSent: 10,
                    bytesReceived: 20
                )
            }
            return recording
        }
        let started = Date(timeIntervalSince1970: start)
        let metadata = RunMetadata(
            scenarioName: "e2e",
            scenarioHash: "sha256:e2e",
            target: "http://127.0.0.1:1",
            toolVersion: "test",
            host: "localhost",
            startedAt: started,
            endedAt: started.addingTimeInterval(12)
        )
        var report = ReportBuilder.build(recordings: recordings, run: RunDescription(metadata: metadata))
        if let slo { report = report.evaluating([try SLOParser.parse(slo)]) }
        let path = folder.appendingPathComponent(name).path
        try report.jsonData().write(to: URL(fileURLWithPath: path))
        return path
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func compareExitsTwoOnARegressionAndZeroOnNoise() async throws {
        let base = try writeReport("base.json", milliseconds: 10)
        let same = try writeReport("same.json", milliseconds: 10)
        let slower = try writeReport("slower.json", milliseconds: 20)
        let html = folder.appendingPathComponent("compare.html").path
        let json = folder.appendingPathComponent("compare.json").path
        let regression = try await ChildProcess.run(
            "ordeal",
            ["compare", base, slower, "--html", html, "--json", json]
        )
        #expect(regression.status == 2, "\(regression.stderr)")
        #expect(regression.stdout.contains("regression"))
        #expect(regression.stderr.contains("regressed"))
        #expect(try text(html).contains("Regression"))
        #expect(try text(json).contains("\"verdict\" : \"regression\""))
        let noise = try await ChildProcess.run("ordeal", ["compare", base, same])
        #expect(noise.status == 0, "\(noise.stderr)")
        let loose = try await ChildProcess.run("ordeal", ["compare", base, slower, "--threshold", "150%"])
        #expect(loose.status == 0, "a doubling is below a 150% threshold: \(loose.stdout)")
    }

    @Test func reportRendersHTMLAndPrintsPercentiles() async throws {
        let path = try writeReport("report.json", milliseconds: 10, slo: "p99 < 1s")
        let rendered = try await ChildProcess.run("ordeal", ["report", path])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(try text(folder.appendingPathComponent("report.html").path).contains("All 1 SLOs held"))
        let percentiles = try await ChildProcess.run("ordeal", ["report", path, "--percentiles"])
        #expect(percentiles.status == 0)
        #expect(percentiles.stdout.contains("       Value     Percentile TotalCount 1/(1-Percentile)"))
        #expect(percentiles.stdout.contains("Total count    =          360]"))
        let junit = folder.appendingPathComponent("junit.xml").path
        let hlog = folder.appendingPathComponent("run.hlog").path
        let files = try await ChildProcess.run("ordeal", ["report", path, "--junit", junit, "--hlog", hlog])
        #expect(files.status == 0)
        #expect(try text(junit).contains("<testcase classname=\"ordeal.slo\" name=\"p99 &lt; 1s\">"))
        #expect(try text(hlog).hasPrefix("#[Histogram log format version 1.3]"))
    }

    @Test func badReportsExitWithClearErrors() async throws {
        let garbage = folder.appendingPathComponent("garbage.json").path
        try Data("{\"schemaVersion\": 1}".utf8).write(to: URL(fileURLWithPath: garbage))
        let invalid = try await ChildProcess.run("ordeal", ["report", garbage])
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("garbage.json: missing field"))
        let missing = try await ChildProcess.run("ordeal", ["report", folder.appendingPathComponent("none.json").path])
        #expect(missing.status == 66)
        let usage = try await ChildProcess.run("ordeal", ["compare", garbage, garbage, "--alpha", "2"])
        #expect(usage.status == 64)
    }

    @Test func mergeAddsSegments() async throws {
        let first = try writeReport("a.json", milliseconds: 10)
        let second = try writeReport("b.json", milliseconds: 12, start: 1_800_000_006)
        let out = folder.appendingPathComponent("merged").path
        let result = try await ChildProcess.run("ordeal", ["merge", first, second, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let merged = try Report(jsonData: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
        #expect(merged.overall.requests == 720)
        #expect(merged.timeline.count == 18)
        #expect(merged.timeline[8].overall.requests == 60)
        #expect(FileManager.default.fileExists(atPath: out + "/report.html"))
    }
}
