import Basics

/// SLO verdicts kept up to date second by second, for the live view and abort-on-fail: each expression sums only the
/// seconds of its scope as they arrive, so checking costs the same in the first minute and the tenth hour (no report
/// is built per second).
///
/// The live verdict of a fault scope uses the windows known so far; the report's verdict, on the whole run, is final.
public struct RunningSLOEvaluator: Sendable {
    private struct Tally: Sendable {
        var aggregate = RequestAggregate()
        var seconds = 0.0
    }

    public let expressions: [SLOExpression]
    private let requestNames: [String]
    private var tallies: [Tally]

    public init(expressions: [SLOExpression], requestNames: [String]) {
        self.expressions = expressions
        self.requestNames = requestNames
        self.tallies = Array(repeating: Tally(), count: expressions.count)
    }

    /// Adds one second (`phase` is the phase it belongs to; `faults` the windows so far, a fault still on ending at
    /// infinity).
    public mutating func add(_ recording: IntervalRecording, phase: String, faults: [FaultWindow]) {
        let start = recording.start.inSeconds
        let end = recording.end.inSeconds
        for (index, expression) in expressions.enumerated()
        where Self.contains(expression.scope, start: start, end: end, phase: phase, faults: faults) {
            let statistics: RequestStatistics
            if let request = expression.request {
                guard let position = requestNames.firstIndex(of: request) else { continue }
                statistics = recording.requests[position]
            } else {
                statistics = recording.overall
            }
            tallies[index].aggregate.add(RequestAggregate(statistics))
            tallies[index].seconds += end - start
        }
    }

    /// Each expression's verdict on what has been added so far.
    public var verdicts: [SLOVerdict] {
        zip(expressions, tallies).map { expression, tally in
            var verdict = SLOVerdict(noDataFor: expression)
            let window = ReportWindow(aggregate: tally.aggregate, seconds: tally.seconds)
            guard let observed = window.value(of: expression.metric) else {
                verdict.note = "no requests ended in scope '\(expression.scope)' yet"
                return verdict
            }
            verdict.judge(observed, by: expression)
            return verdict
        }
    }

    private static func contains(
        _ scope: SLOScope,
        start: Double,
        end: Double,
        phase: String,
        faults: [FaultWindow]
    ) -> Bool {
        switch scope {
        case .wholeRun: return true
        case .phase(let name): return name == phase
        case .beforeFaults: return faults.allSatisfy { end <= $0.start }
        case .duringFaults: return faults.contains { start < $0.end && end > $0.start }
        case .afterFaults: return !faults.isEmpty && faults.allSatisfy { start >= $0.end }
        }
    }
}
