import Foundation
import Harness
import Testing

/// `--segment auto` and `--start-at`: what a pod's environment and a stamped instant turn into, and what is refused.
@Suite struct DistributedOptionsTests {
    @Test(arguments: [("0", "3", "1/3"), ("2", "3", "3/3"), ("0", "1", "1/1"), (" 4 ", "10", "5/10")])
    func segmentComesFromTheJobIndex(index: String, count: String, expected: String) throws {
        let segment = try Segment(environment: [Segment.indexVariable: index, Segment.countVariable: count])
        #expect(segment.description == expected)
    }

    @Test(arguments: [
        ([String: String](), "ORDEAL_SEGMENTS is not set"),
        (["ORDEAL_SEGMENTS": "3"], "JOB_COMPLETION_INDEX is not set"),
        (["JOB_COMPLETION_INDEX": "0"], "ORDEAL_SEGMENTS is not set"),
        (["JOB_COMPLETION_INDEX": "x", "ORDEAL_SEGMENTS": "3"], "JOB_COMPLETION_INDEX=\"x\" is not a whole number"),
        (["JOB_COMPLETION_INDEX": "-1", "ORDEAL_SEGMENTS": "3"], "JOB_COMPLETION_INDEX=\"-1\" is not a whole number"),
        (["JOB_COMPLETION_INDEX": "0", "ORDEAL_SEGMENTS": "three"], "ORDEAL_SEGMENTS=\"three\" is not a whole number"),
        (["JOB_COMPLETION_INDEX": "0", "ORDEAL_SEGMENTS": "0"], "ORDEAL_SEGMENTS=0: a run has at least 1 segment"),
        (["JOB_COMPLETION_INDEX": "3", "ORDEAL_SEGMENTS": "3"], "the index must be 0...2"),
    ])
    func segmentAutoNamesWhatIsMissingOrMalformed(environment: [String: String], message: String) {
        #expect {
            _ = try Segment(environment: environment)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test(arguments: [
        ("2026-12-01T15:30:00Z", 1_796_139_000.0),
        ("2026-12-01T15:30:00.250Z", 1_796_139_000.25),
        ("2026-12-01T16:30:00+01:00", 1_796_139_000.0),
        ("2026-12-01 15:30:00z", 1_796_139_000.0),
        ("2026-12-01t15:30:00Z", 1_796_139_000.0),
    ])
    func startAtReadsRFC3339(text: String, epoch: Double) throws {
        let instant = try StartInstant(parsing: text)
        #expect(abs(instant.date.timeIntervalSince1970 - epoch) < 0.0005)
    }

    @Test func startAtReadsADelayFromNow() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(try StartInstant(parsing: "+30s", now: now).date == now.addingTimeInterval(30))
        #expect(try StartInstant(parsing: "+1m30s", now: now).date == now.addingTimeInterval(90))
        #expect(try StartInstant(parsing: "+250ms", now: now).date == now.addingTimeInterval(0.25))
    }

    @Test(arguments: ["", "soon", "2026-12-01T15:30:00", "2026-13-01T15:30:00Z", "15:30", "+", "+30", "+30x", "30s"])
    func startAtRefusesWhatIsNotAnInstant(text: String) {
        #expect {
            _ = try StartInstant(parsing: text)
        } throws: { error in
            "\(error)".contains("--start-at \"\(text)\"")
        }
    }

    @Test func aStartPastTheWholeScheduleIsRefusedBeforeAnythingStarts() throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let run = Run(options: RunOptions(scenarioPath: nil, startAt: StartInstant(start)))
        try run.checkStartAt(schedule: .seconds(60), now: start.addingTimeInterval(59))
        #expect {
            try run.checkStartAt(schedule: .seconds(60), now: start.addingTimeInterval(3600))
        } throws: { error in
            guard let failure = error as? RunFailure else { return false }
            return failure.exitCode == .usage && "\(failure)".contains("longer than the whole schedule (60.000 s)")
        }
    }
}
