import Foundation
import Profiler
import Testing

/// What makes a set of segment reports one whole run: every index once, one count, one start, each run to its end.
@Suite struct SegmentCheckTests {
    static func segment(_ index: Int, of count: Int, startAt: Date? = Fixtures.start) -> Report {
        var report = Fixtures.report(seconds: 4)
        report.run.segment = RunSegment(index: index, count: count)
        report.run.startAt = startAt
        return report
    }

    static func missing(_ reports: [Report], expected: Int? = nil) throws(ReportMergeError) -> [RunSegment] {
        try ReportMerger.missingSegments(
            reports,
            sources: reports.indices.map { "seg-\($0)/report.json" },
            expected: expected
        )
    }

    @Test func allSegmentsOnceIsComplete() throws {
        #expect(try Self.missing([Self.segment(2, of: 3), Self.segment(1, of: 3), Self.segment(3, of: 3)]).isEmpty)
        #expect(try Self.missing([Self.segment(1, of: 1)], expected: 1).isEmpty)
    }

    @Test func missingSegmentsAreNamedWithTheirJobIndex() throws {
        let missing = try Self.missing([Self.segment(1, of: 3)], expected: 3)
        #expect(missing == [RunSegment(index: 2, count: 3), RunSegment(index: 3, count: 3)])
        #expect(
            ReportMerger.describeMissing(missing)
                == "missing segment 2/3 (JOB_COMPLETION_INDEX=1), segment 3/3 (JOB_COMPLETION_INDEX=2)"
        )
        #expect(try Self.missing([], expected: 2).count == 2)
    }

    @Test func aDuplicateIndexIsAnError() {
        #expect {
            _ = try Self.missing([Self.segment(1, of: 2), Self.segment(1, of: 2)])
        } throws: { error in
            "\(error)" == "segment 1/2 twice: seg-0/report.json and seg-1/report.json; one index must run exactly once"
        }
    }

    @Test func anotherSegmentCountIsAnError() {
        #expect {
            _ = try Self.missing([Self.segment(1, of: 2), Self.segment(2, of: 3)], expected: 2)
        } throws: { error in
            "\(error)".contains("seg-1/report.json is segment 2/3 of a run in 3 segments, expected one of 2 segments")
        }
    }

    @Test func anotherStartIsAnotherRun() {
        let other = Self.segment(2, of: 2, startAt: Fixtures.start.addingTimeInterval(600))
        #expect {
            _ = try Self.missing([Self.segment(1, of: 2), other])
        } throws: { error in
            "\(error)".contains("they are segments of different runs")
        }
    }

    @Test func aWholeRunAmongSegmentsIsAnError() {
        #expect {
            _ = try Self.missing([Self.segment(1, of: 2), Fixtures.report(seconds: 4)])
        } throws: { error in
            "\(error)".contains("seg-1/report.json is not a segment report")
        }
        #expect(throws: Never.self) {
            _ = try Self.missing([Fixtures.report(seconds: 4), Fixtures.report(seconds: 4)])
        }
    }

    @Test func anInterruptedSegmentFailsTheMergeAndAnAbortedOneIsAnSLOFailure() {
        var interrupted = Self.segment(2, of: 2)
        interrupted.run.stopped = RunStop(reason: RunStop.interrupted, at: 1.5, signal: "SIGTERM")
        #expect {
            _ = try Self.missing([Self.segment(1, of: 2), interrupted])
        } throws: { error in
            let error = error as? ReportMergeError
            return error?.sloFailed == false
                && error?.description.hasPrefix(
                    "segment 2/2 (JOB_COMPLETION_INDEX=1) (seg-1/report.json) did not run to its end: "
                        + "interrupted by SIGTERM at 1.5 s"
                ) == true
        }
        var aborted = Self.segment(1, of: 2)
        aborted.run.stopped = RunStop(reason: RunStop.aborted, at: 2, slo: "p99 < 1ms")
        #expect {
            _ = try Self.missing([aborted, Self.segment(2, of: 2)])
        } throws: { error in
            (error as? ReportMergeError)?.sloFailed == true
        }
    }

    @Test func theMergedReportIsNoLongerASegment() throws {
        var first = Self.segment(1, of: 2)
        var second = Self.segment(2, of: 2)
        first.run.loadStartedAt = Fixtures.start.addingTimeInterval(0.02)
        second.run.loadStartedAt = Fixtures.start.addingTimeInterval(0.01)
        let merged = try ReportMerger.merge([first, second])
        #expect(merged.run.segment == nil)
        #expect(merged.run.title == "checkout")
        #expect(first.run.title == "checkout (segment 1/2)")
        #expect(merged.run.startAt == Fixtures.start)
        #expect(merged.run.loadStartedAt == Fixtures.start.addingTimeInterval(0.01))
    }
}
