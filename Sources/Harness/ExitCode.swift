/// The exit codes of every `ordeal` command, in one place. They are stable: CI scripts depend on them.
///
/// | code | meaning |
/// |---|---|
/// | 0  | every SLO held and no regression was found |
/// | 1  | an SLO failed |
/// | 2  | a regression was found against the baseline |
/// | 64 | usage error: bad flags or arguments (sysexits `EX_USAGE`) |
/// | 65 | invalid input: a file that does not parse or validate, or segments that are not one whole run (`EX_DATAERR`) |
/// | 66 | an input file does not exist or cannot be read (`EX_NOINPUT`) |
/// | 69 | unavailable: the target cannot be reached or the capability is not built yet (`EX_UNAVAILABLE`) |
/// | 70 | internal error in Ordeal (`EX_SOFTWARE`) |
/// | 74 | an output file cannot be written (`EX_IOERR`) |
/// | 78 | configuration error in the environment (`EX_CONFIG`) |
/// | 130 | the run was interrupted by Ctrl-C (SIGINT); the report covers what was measured |
/// | 143 | the run was stopped by SIGTERM; the report covers what was measured |
public enum OrdealExitCode: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case passed = 0
    case sloFailed = 1
    case regression = 2
    case usage = 64
    case invalidInput = 65
    case noInput = 66
    case unavailable = 69
    case internalError = 70
    case ioError = 74
    case configuration = 78
    case interrupted = 130
    case terminated = 143

    public var description: String {
        switch self {
        case .passed: "every SLO held and no regression was found"
        case .sloFailed: "an SLO failed"
        case .regression: "a regression was found against the baseline"
        case .usage: "usage error"
        case .invalidInput: "invalid input file"
        case .noInput: "input file missing or unreadable"
        case .unavailable: "target or capability unavailable"
        case .internalError: "internal error"
        case .ioError: "output could not be written"
        case .configuration: "configuration error"
        case .interrupted: "interrupted by Ctrl-C (SIGINT)"
        case .terminated: "stopped by SIGTERM"
        }
    }

    /// The code for a finished run: an SLO failure outranks a regression, since it is the harder verdict.
    public static func verdict(sloFailed: Bool, regressionFound: Bool) -> OrdealExitCode {
        if sloFailed { return .sloFailed }
        if regressionFound { return .regression }
        return .passed
    }
}
