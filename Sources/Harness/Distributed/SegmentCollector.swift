import Basics
import Foundation
import Profiler

/// Waits on a shared folder (a ReadWriteMany volume) until every segment of a distributed run has written its
/// report, then hands them over in segment order (`ordeal merge --wait N`).
///
/// A report is read once it exists: runs write `report.json` atomically, so a file that is there is whole. A
/// segment that reports a failure, or a second report for one index, ends the wait at once; a segment that never
/// reports ends it at the timeout, named.
public struct SegmentCollector: Sendable {
    public let count: Int
    public let paths: [String]
    public let timeout: Duration
    public let pollInterval: Duration

    /// Why the segments could not be collected; `sloFailed` when a segment was aborted by an SLO.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public let sloFailed: Bool
    }

    public init(count: Int, paths: [String], timeout: Duration, pollInterval: Duration = .milliseconds(500)) {
        self.count = count
        self.paths = paths
        self.timeout = timeout
        self.pollInterval = pollInterval
    }

    /// The `count` segment reports and their files, ordered by segment index.
    public func collect(progress: @Sendable (String) -> Void = { _ in }) async throws(Failure)
        -> [(path: String, report: Report)]
    {
        let deadline = ContinuousClock.now + timeout
        var found: [String: Report] = [:]
        var announced = 0
        while true {
            for path in Self.reportFiles(in: paths) where found[path] == nil {
                found[path] = try Self.read(path)
            }
            let named = found.sorted {
                ($0.value.run.segment?.index ?? 0, $0.key) < ($1.value.run.segment?.index ?? 0, $1.key)
            }
            let reports = named.map(\.value)
            let sources = named.map(\.key)
            let missing: [RunSegment]
            do { missing = try ReportMerger.missingSegments(reports, sources: sources, expected: count) } catch {
                throw Failure(description: error.description, sloFailed: error.sloFailed)
            }
            if missing.isEmpty { return named.map { ($0.key, $0.value) } }
            if ContinuousClock.now >= deadline {
                throw Failure(
                    description:
                        "gave up after \(String(format: "%.0f", timeout.inSeconds)) s waiting for \(count) segment reports in "
                        + "\(paths.joined(separator: ", ")): \(ReportMerger.describeMissing(missing)) "
                        + "(no report.json: a pod killed, evicted or never scheduled?)",
                    sloFailed: false
                )
            }
            if found.count != announced {
                announced = found.count
                progress("\(found.count) of \(count) segment reports in")
            }
            try? await Task.sleep(for: pollInterval)
            if Task.isCancelled {
                throw Failure(description: "interrupted while waiting for segments", sloFailed: false)
            }
        }
    }

    /// Every `report.json` in the folders (at any depth) and every file given by name.
    static func reportFiles(in paths: [String]) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let base = URL(fileURLWithPath: path)
            for case let relative as String in manager.enumerator(atPath: path) ?? .init()
            where (relative as NSString).lastPathComponent == "report.json" {
                files.append(base.appendingPathComponent(relative).path)
            }
        }
        return files.sorted()
    }

    private static func read(_ path: String) throws(Failure) -> Report {
        do {
            return try Report(jsonData: try Data(contentsOf: URL(fileURLWithPath: path)), source: path)
        } catch let error as ReportReadingError {
            throw Failure(description: error.description, sloFailed: false)
        } catch {
            throw Failure(description: "cannot read \(path): \(error.localizedDescription)", sloFailed: false)
        }
    }
}
