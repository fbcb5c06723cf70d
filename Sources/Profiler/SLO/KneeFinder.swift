/// Finds the knee of a ramping load: walks the per-second slices of the ramping phases in order, checks each
/// against the SLOs that apply to it, and stops at the first run of failing seconds long enough to be a break.
///
/// ```
/// rate ▲                      ╱ ✗ ✗ ✗   ← broken: 3 failing seconds in a row
///      │              ✓ ✓ ✗ ✓╱          ← one failing second alone is noise
///      │        ✓ ✓ ✓╱                  ← knee: the highest rate of a held second before the break
///      └──────────────────────────▶ t
/// ```
/// The criteria are the SLOs over the whole run and those scoped to the slice's phase; `count` is left out, since
/// a one-second count says nothing about a run-long objective. A second in which iterations arrived but no request
/// ended fails (the service stopped answering); a second with no arrivals and no requests is skipped.
public enum KneeFinder {
    /// Failing seconds in a row that make a break.
    public static let defaultSustain = 3

    /// The knee of `report` over the phases named in `rampingPhases`, or nil when no SLO applies to their seconds.
    public static func find(
        in report: Report,
        criteria: [SLOExpression],
        rampingPhases: [String],
        sustain: Int = defaultSustain
    ) -> Knee? {
        let spans = report.run.phases.filter { rampingPhases.contains($0.name) }
        var used: [String] = []
        var held: (rate: Double, at: Double)?
        var streak: [(at: Double, rate: Double, by: String)] = []
        for slice in report.timeline where slice.end - slice.start >= 0.5 {
            let middle = (slice.start + slice.end) / 2
            guard let span = spans.first(where: { ($0.start..<$0.end).contains(middle) }) else { continue }
            let applicable = criteria.filter {
                $0.metric != .count && ($0.scope == .wholeRun || $0.scope == .phase(span.name))
            }
            let rate = Double(slice.iterationsStarted + slice.iterationsDropped) / (slice.end - slice.start)
            guard !applicable.isEmpty, rate > 0 || slice.overall.requests > 0 else { continue }
            for expression in applicable where !used.contains(expression.text) { used.append(expression.text) }
            if let failed = applicable.first(where: { !holds($0, in: slice) }) {
                streak.append((slice.start, rate, failed.text))
                if streak.count >= sustain {
                    return Knee(
                        criteria: used,
                        sustainSeconds: sustain,
                        held: held,
                        broken: streak[0],
                        rampingPhases: rampingPhases
                    )
                }
            } else {
                streak.removeAll()
                if rate > held?.rate ?? -1 { held = (rate, slice.start) }
            }
        }
        guard !used.isEmpty else { return nil }
        return Knee(criteria: used, sustainSeconds: sustain, held: held, broken: nil, rampingPhases: rampingPhases)
    }

    /// Whether one second holds an expression; a second where nothing ended does not.
    static func holds(_ expression: SLOExpression, in slice: TimeSlice) -> Bool {
        let window = ReportWindow(slices: [slice], request: expression.request)
        guard let observed = window.value(of: expression.metric) else { return false }
        return expression.comparison.holds(observed, expression.threshold)
    }
}
