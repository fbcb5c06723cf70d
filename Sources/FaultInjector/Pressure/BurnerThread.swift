import Basics
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One OS thread that alternates spinning and sleeping; a thread rather than a task, so it never holds up Swift's
/// cooperative pool.
final class BurnerThread: Sendable {
    private let percent: Int
    private let sliceNanoseconds: Int64
    private let stop: CPUStopFlag
    /// The thread's CPU time, set when it ends.
    private let result = Mutex<(cpu: Duration?, waiter: CheckedContinuation<Duration, Never>?)>((nil, nil))

    init(percent: Int, slice: Duration, stop: CPUStopFlag) {
        self.percent = percent
        self.sliceNanoseconds = slice.nanosecondsClamped
        self.stop = stop
    }

    func start() {
        let thread = Thread { [self] in burn() }
        thread.name = "ordeal-cpu"
        thread.start()
    }

    /// Waits for the thread to end and returns the CPU time it used.
    func finished() async -> Duration {
        await withCheckedContinuation { continuation in
            let cpu = result.withLock { state -> Duration? in
                if state.cpu == nil { state.waiter = continuation }
                return state.cpu
            }
            if let cpu { continuation.resume(returning: cpu) }
        }
    }

    /// Spins until this thread has used its share of the time elapsed so far, then sleeps to the end of the slice.
    ///
    /// Counting owed CPU time rather than busy wall time keeps the asked load when other processes preempt the
    /// burner: a slice it lost is made up in the next ones (at most `maxDebt` of it).
    private func burn() {
        let wallStart = Self.monotonic()
        let cpuStart = Self.threadCPUNanoseconds()
        let maxDebt = sliceNanoseconds * 10
        var sliceEnd = wallStart
        while !stop.isRaised {
            sliceEnd = max(sliceEnd, Self.monotonic()) + sliceNanoseconds
            var owed = (sliceEnd - wallStart) * Int64(percent) / 100
            let used = Self.threadCPUNanoseconds() - cpuStart
            if owed - used > maxDebt { owed = used + maxDebt }
            while Self.threadCPUNanoseconds() - cpuStart < owed && Self.monotonic() < sliceEnd {}
            let now = Self.monotonic()
            if now < sliceEnd { Self.sleep(until: sliceEnd) }
        }
        let cpu = Self.threadCPUTime()
        let waiter = result.withLock { state in
            state.cpu = cpu
            return state.waiter
        }
        waiter?.resume(returning: cpu)
    }

    private static func monotonic() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    private static func sleep(until deadline: Int64) {
        var target = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil) == EINTR {}
    }

    private static func threadCPUNanoseconds() -> Int64 {
        var used = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &used)
        return Int64(used.tv_sec) * 1_000_000_000 + Int64(used.tv_nsec)
    }

    private static func threadCPUTime() -> Duration {
        var used = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &used)
        return .seconds(used.tv_sec) + .nanoseconds(used.tv_nsec)
    }
}
