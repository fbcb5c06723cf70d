import Profiler

/// What a run returns besides its seconds: when each phase ran, and whether it was cut short. The measurements
/// themselves went out second by second; whoever needs totals adds those up once (the report's accumulator).
public struct GeneratorOutline: Sendable, Equatable {
    /// The phases that ran, in order, as offsets in seconds on the run's clock.
    public var phases: [PhaseSpan]
    /// Whether the run was stopped before its last phase ended (Ctrl-C, abort-on-fail).
    public var wasInterrupted: Bool

    public init(phases: [PhaseSpan] = [], wasInterrupted: Bool = false) {
        self.phases = phases
        self.wasInterrupted = wasInterrupted
    }
}
