/// The outcome of one SLO: what was asked, what was observed, and by how much it held or missed.
public struct SLOVerdict: Codable, Sendable, Equatable {
    /// Whether an objective held; `noData` (nothing to measure in its scope) counts as a failure.
    public enum Status: String, Codable, Sendable {
        case passed, failed, noData = "no-data"
    }

    /// The expression as written.
    public var expression: String
    /// The scope it was checked over: `run`, `phase NAME`, `before faults`, `during faults`, `after faults`.
    public var scope: String
    public var request: String?
    public var metric: String
    public var comparison: String
    /// Threshold, observed value and margin in ``unit``; the margin is positive when there is room to spare.
    public var threshold: Double
    public var observed: Double?
    public var margin: Double?
    public var unit: SLOUnit
    public var status: Status
    public var abortOnFail: Bool
    /// Why there was no data, when there was none.
    public var note: String?

    /// Whether the objective held.
    public var passed: Bool { status == .passed }
}
