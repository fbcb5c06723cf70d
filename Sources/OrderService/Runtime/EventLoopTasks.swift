import NIOCore
import NIOPosix

/// Runs Swift concurrency's tasks on the service's NIO event-loop threads instead of a pool of their own.
///
/// A request's handler then resumes on the thread that read the request, instead of crossing to the concurrency
/// pool and back for every request (get-order +20 % on two cores). Blocking work must stay off these threads:
/// bcrypt already runs on `NIOThreadPool`, SQLite on GRDB's own queues.
public enum EventLoopTasks {
    /// Installs the event loops as the global executor; call once, before the service starts. Returns false where
    /// the runtime offers no hook, and tasks stay on the default pool.
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
