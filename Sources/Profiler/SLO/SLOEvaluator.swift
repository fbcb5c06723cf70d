/// Checks SLO expressions against a report, over the whole run or over a window of its time series.
public enum SLOEvaluator {
    /// The verdict of one expression.
    public static func evaluate(_ expression: SLOExpression, in report: Report) -> SLOVerdict {
        var verdict = SLOVerdict(noDataFor: expression)
        if let request = expression.request, report.summary(for: request) == nil {
            let known = report.requests.map(\.name).joined(separator: ", ")
            verdict.note = "no request named '\(request)' in this run (requests: \(known))"
            return verdict
        }
        let window: ReportWindow
        do { window = try ReportWindow(report: report, scope: expression.scope, request: expression.request) } catch {
            verdict.note = error.description
            return verdict
        }
        guard let observed = window.value(of: expression.metric) else {
            verdict.note = "no requests ended in scope '\(expression.scope)'"
            return verdict
        }
        verdict.judge(observed, by: expression)
        return verdict
    }
}

extension SLOVerdict {
    /// The verdict of `expression` before anything is measured: no data.
    init(noDataFor expression: SLOExpression) {
        self.init(
            expression: expression.text,
            scope: expression.scope.description,
            request: expression.request,
            metric: expression.metric.description,
            comparison: expression.comparison.rawValue,
            threshold: expression.threshold,
            unit: expression.metric.unit,
            status: .noData,
            abortOnFail: expression.abortOnFail
        )
    }

    /// Records what was observed and whether it holds.
    mutating func judge(_ observed: Double, by expression: SLOExpression) {
        self.observed = observed
        margin = expression.comparison.margin(observed, expression.threshold)
        status = expression.comparison.holds(observed, expression.threshold) ? .passed : .failed
    }
}

extension Report {
    /// This report with the verdicts of `expressions` in ``slos``.
    public func evaluating(_ expressions: [SLOExpression]) -> Report {
        var report = self
        report.slos = expressions.map { SLOEvaluator.evaluate($0, in: self) }
        return report
    }

    /// Whether every SLO held.
    public var slosPassed: Bool { slos.allSatisfy(\.passed) }
}
