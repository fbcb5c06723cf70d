import Profiler
import Testing

@Suite struct ReportAccumulatorTests {
    @Test func addingSecondsOneByOneGivesTheSameReportAsBuildingAtOnce() {
        let recordings = Fixtures.recordings(seconds: 12, errorEvery: 3)
        let run = RunDescription(metadata: Fixtures.metadata(seconds: 12))
        var accumulator = ReportAccumulator(requestNames: recordings[0].requestNames)
        for recording in recordings { accumulator.add(recording) }
        #expect(accumulator.report(run: run) == ReportBuilder.build(recordings: recordings.reversed(), run: run))
    }

    @Test func aRecordingOfAnotherFlowIsNotMixedIn() {
        let recordings = Fixtures.recordings(seconds: 2, errorEvery: 0)
        var accumulator = ReportAccumulator(requestNames: recordings[0].requestNames)
        accumulator.add(recordings[0])
        var stranger = IntervalRecording(requestNames: ["other"], start: .seconds(1), end: .seconds(2))
        stranger.requests[0].recordError(.reset)
        accumulator.add(stranger)
        let report = accumulator.report(run: RunDescription(metadata: Fixtures.metadata(seconds: 2)))
        #expect(report.timeline.count == 1)
        #expect(report.overall.requests == recordings[0].overall.requests)
    }
}
