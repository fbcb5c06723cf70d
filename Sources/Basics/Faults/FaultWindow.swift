/// When a fault was really on, in seconds from the start of the run: what the fault timeline records and the report
/// shows (as a band on every chart, and as the scope of `during faults:` SLOs).
///
/// A fault that could not be applied keeps its planned start as a window of no length, with the reason in `error`.
public struct FaultWindow: Codable, Sendable, Equatable {
    /// The fault's kind and where it acted, for example `latency on payments` or `cpu 80%`.
    public var description: String
    public var start: Double
    public var end: Double
    /// When the scenario asked for it to start; nil in reports written before it was recorded.
    public var plannedStart: Double?
    /// When the scenario asked for it to end; nil for a fault with no length, or in older reports.
    public var plannedEnd: Double?
    /// For a process started again after a kill: when it was ready again.
    public var ready: Double?
    /// Why applying or lifting the fault failed, if it did.
    public var error: String?
    /// What the fault reached, such as the resident size of memory pressure.
    public var note: String?
    /// False for a fault that never took effect (listed with its error at its planned start); nil means it did.
    public var applied: Bool?

    public init(
        description: String,
        start: Double,
        end: Double,
        plannedStart: Double? = nil,
        plannedEnd: Double? = nil,
        ready: Double? = nil,
        note: String? = nil,
        error: String? = nil,
        applied: Bool? = nil
    ) {
        self.description = description
        self.start = start
        self.end = end
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
        self.ready = ready
        self.error = error
        self.note = note
        self.applied = applied
    }

    /// Whether the fault was on at all: the SLO scopes and the chart bands leave out one that never was.
    public var wasApplied: Bool { applied ?? true }
}
