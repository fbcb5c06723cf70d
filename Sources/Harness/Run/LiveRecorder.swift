import Basics
import Foundation
import Profiler
import Synchronization

/// Takes the generator's merged seconds as they arrive, keeps the report's running totals, and watches the
/// abort-on-fail SLOs (as k6's abortOnFail): once one fails, the run should stop early.
final class LiveRecorder: Sendable {
    private struct State {
        var accumulator: ReportAccumulator
        var abortReason: String?
    }

    private let state: Mutex<State>
    private let abortSLOs: [SLOExpression]

    init(requestNames: [String], abortSLOs: [SLOExpression]) {
        state = Mutex(State(accumulator: ReportAccumulator(requestNames: requestNames)))
        self.abortSLOs = abortSLOs
    }

    var accumulator: ReportAccumulator { state.withLock { $0.accumulator } }
    var abortReason: String? { state.withLock { $0.abortReason } }
    var shouldAbort: Bool { abortReason != nil }

    /// Adds one second; with abort-on-fail SLOs, evaluates them on everything measured so far.
    func add(_ recording: IntervalRecording, startedAt: Date) {
        let snapshot: ReportAccumulator = state.withLock {
            $0.accumulator.add(recording)
            return $0.accumulator
        }
        guard !abortSLOs.isEmpty, abortReason == nil else { return }
        let metadata = RunMetadata(
            scenarioName: "",
            scenarioHash: "",
            target: "",
            toolVersion: OrdealVersion.current,
            host: "",
            startedAt: startedAt,
            endedAt: startedAt.addingTimeInterval(recording.end.inSeconds)
        )
        let report = snapshot.report(run: RunDescription(metadata: metadata)).evaluating(abortSLOs)
        if let failed = report.slos.first(where: { $0.status == .failed }) {
            let observed = failed.observed.map { " (observed \($0))" } ?? ""
            state.withLock { $0.abortReason = "abort-on-fail SLO \"\(failed.expression)\" failed\(observed)" }
        }
    }
}
