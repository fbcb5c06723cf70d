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

    public init(
        description: String,
        start: Double,
        end: Double,
        plannedStart: Double? = nil,
        plannedEnd: Double? = nil,
        ready: Double? = nil,
        error: String? = nil
    ) {
        self.description = description
        self.start = start
        self.end = end
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
        self.ready = ready
        self.error = error
    }

    /// Whether the fault was on at all (a window that failed before it applied has no length and an error).
    public var wasApplied: Bool { error == nil || end > start }
}
