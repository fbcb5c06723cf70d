import Foundation
import Profiler
import TestSupport
import Testing

/// `--segment auto`, `--start-at` and `merge --wait` as real processes on loopback: what they refuse, and a
/// three-segment run whose merged SLO fails, so the merge exits 1 from the merged data.
@Suite(.timeLimit(.minutes(3))) struct DistributedRunTests {
    static func scenario(url: String, slo: String) -> String {
        """
        name: distributed-loopback
        url: \(url)
        load:
          - { name: steady, arrival-rate: 30/s, duration: 2s }
        flow:
          - name: hello
            get: /
        slo:
          - \(slo)
        """
    }

    static func run(_ arguments: [String], environment: [String: String], in workspace: Workspace) async throws
        -> (Int32, String)
    {
        let child = try LoggedProcess(
            "ordeal",
            arguments,
            environment: environment,
            log: workspace.path("ordeal-\(UUID().uuidString.prefix(8)).log")
        )
        defer { child.stopLater() }
        return (try await child.exitStatus(timeout: .seconds(60)), child.output)
    }

    @Test(arguments: [
        ([String: String](), "ORDEAL_SEGMENTS is not set"),
        (["ORDEAL_SEGMENTS": "3"], "JOB_COMPLETION_INDEX is not set"),
        (
            ["ORDEAL_SEGMENTS": "3", "JOB_COMPLETION_INDEX": "3"],
            "JOB_COMPLETION_INDEX=3 with ORDEAL_SEGMENTS=3: the index must be 0...2"
        ),
        (["ORDEAL_SEGMENTS": "x", "JOB_COMPLETION_INDEX": "0"], "ORDEAL_SEGMENTS=\"x\" is not a whole number"),
    ])
    func segmentAutoWithoutItsEnvironmentIsAUsageError(environment: [String: String], message: String) async throws {
        let workspace = try Workspace()
        // The test's own environment must not lend a variable the case leaves out.
        try #require(ProcessInfo.processInfo.environment["ORDEAL_SEGMENTS"] == nil)
        try #require(ProcessInfo.processInfo.environment["JOB_COMPLETION_INDEX"] == nil)
        let (status, errors) = try await Self.run(
            ["run", "--url", "http://127.0.0.1:9", "--rate", "1/s", "--segment", "auto"],
            environment: environment,
            in: workspace
        )
        #expect(status == 64)
        #expect(errors.contains("--segment auto: \(message)"), "\(errors)")
    }

    @Test(arguments: ["tomorrow", "2026-12-01T15:30:00", "+5"])
    func aMalformedStartIsAUsageError(text: String) async throws {
        let workspace = try Workspace()
        let (status, errors) = try await Self.run(
            ["run", "--url", "http://127.0.0.1:9", "--rate", "1/s", "--start-at", text],
            environment: [:],
            in: workspace
        )
        #expect(status == 64)
        #expect(errors.contains("--start-at \"\(text)\""), "\(errors)")
    }

    @Test func aStartPastTheWholeScheduleIsRefused() async throws {
        let workspace = try Workspace()
        let (status, errors) = try await Self.run(
            [
                "run", "--url", "http://127.0.0.1:9", "--rate", "1/s", "--duration", "10s", "--start-at",
                "2020-01-01T00:00:00Z",
            ],
            environment: [:],
            in: workspace
        )
        #expect(status == 64)
        #expect(errors.contains("longer than the whole schedule (10.000 s)"), "\(errors)")
    }

    @Test func mergeWaitNamesTheMissingSegmentAndADuplicate() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let workspace = try Workspace()
        let scenario = try workspace.write("scenario.yaml", Self.scenario(url: server.url, slo: "error-rate == 0%"))
        let shared = workspace.path("shared")
        for index in [0, 2] {
            let (status, errors) = try await Self.run(
                ["run", scenario, "--segment", "auto", "--out", "\(shared)/segment-\(index)"],
                environment: ["JOB_COMPLETION_INDEX": "\(index)", "ORDEAL_SEGMENTS": "3"],
                in: workspace
            )
            #expect(status == 0, "\(errors)")
        }
        let (missing, missingErrors) = try await Self.run(
            ["merge", "--wait", "3", shared, "--timeout", "2s", "--out", workspace.path("merged")],
            environment: [:],
            in: workspace
        )
        #expect(missing == 65)
        #expect(missingErrors.contains("missing segment 2/3 (JOB_COMPLETION_INDEX=1)"), "\(missingErrors)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("merged/report.json")))

        try FileManager.default.copyItem(atPath: "\(shared)/segment-2", toPath: "\(shared)/segment-2-again")
        let (duplicate, duplicateErrors) = try await Self.run(
            ["merge", "--wait", "3", shared, "--timeout", "60s", "--out", workspace.path("merged")],
            environment: [:],
            in: workspace
        )
        #expect(duplicate == 65)
        #expect(duplicateErrors.contains("segment 3/3 twice"), "\(duplicateErrors)")
    }

    @Test func theMergedVerdictComesFromTheMergedData() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let workspace = try Workspace()
        // 30/s in all: no segment and not the merged run reaches 1000/s, so the merged verdict fails.
        let scenario = try workspace.write("scenario.yaml", Self.scenario(url: server.url, slo: "rps > 1000"))
        let shared = workspace.path("shared")
        // One absolute instant for all three, as a stamped value is; `+4s` would count from each process's start
        // and the merge would rightly refuse them as segments of different runs.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let startAt = formatter.string(from: Date().addingTimeInterval(4))
        let segments = try (0..<3).map { index in
            try LoggedProcess(
                "ordeal",
                ["run", scenario, "--segment", "auto", "--start-at", startAt, "--out", "\(shared)/segment-\(index)"],
                environment: ["JOB_COMPLETION_INDEX": "\(index)", "ORDEAL_SEGMENTS": "3"],
                log: workspace.path("segment-\(index).log")
            )
        }
        defer { for segment in segments { segment.stopLater() } }
        let (status, errors) = try await Self.run(
            ["merge", "--wait", "3", shared, "--timeout", "90s", "--out", workspace.path("merged")],
            environment: [:],
            in: workspace
        )
        for segment in segments { #expect(try await segment.exitStatus() == 1, "\(segment.output)") }
        #expect(status == 1, "\(errors)")
        let merged = try Report(jsonData: workspace.read("merged/report.json"))
        #expect(merged.overall.requests == 60)
        #expect(server.requestCount == 60)
        #expect(merged.slos.count == 1 && !merged.slos[0].passed)
        let summary = try String(contentsOfFile: workspace.path("merged/summary.md"), encoding: .utf8)
        #expect(summary.contains("rps > 1000"))
    }
}
