import Foundation

/// Runs blocking or CPU-bound test work on a thread of its own.
///
/// The concurrency pool has as many threads as cores (two here); a test that blocks one of them, or keeps it busy
/// for seconds, starves every other suite's servers and timers. An OS thread is scheduled fairly instead.
public enum OwnThread {
    /// Runs `work` on a new thread and hands back its result or its error.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs `work` on a new thread and hands back its result.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}
