#if canImport(Glibc)
import Glibc
#endif

/// The signals a `signal:` fault may send; the scenario reader and the fault timeline both take them from here.
public enum ProcessSignal: String, Sendable, CaseIterable {
    case term = "TERM"
    case int = "INT"
    case hup = "HUP"
    case usr1 = "USR1"
    case usr2 = "USR2"
    case quit = "QUIT"

    /// The signal number on this system.
    public var number: Int32 {
        switch self {
        case .term: SIGTERM
        case .int: SIGINT
        case .hup: SIGHUP
        case .usr1: SIGUSR1
        case .usr2: SIGUSR2
        case .quit: SIGQUIT
        }
    }
}
