import Profiler

/// What a finished run produced: its exit code, where its reports are, and the report itself.
public struct RunOutcome: Sendable {
    public let exitCode: OrdealExitCode
    /// The folder the reports were written into.
    public let directory: String
    /// The files written, in the order written.
    public let files: [String]
    public let report: Report
    /// Whether the run was stopped by Ctrl-C before its last phase ended.
    public let interrupted: Bool
    /// Why an abort-on-fail SLO stopped the run early, if one did.
    public let aborted: String?
    /// Why not one request got a response (every connection refused, reset or timed out), if so.
    public var noResponse: String? = nil
}
