import Basics
import CSplice
import Foundation
import Glibc
import NIOCore
import Synchronization

/// Something a ``SpliceLoop`` watches: told which events its descriptor had, on the loop's thread.
protocol SpliceWatcher: AnyObject {
    /// `events` came for the descriptor registered as `side` (0 or 1) of this watcher.
    func ready(_ events: UInt32, side: UInt64)
    /// A deadline this watcher asked for with ``SpliceLoop/expire(_:after:)`` passed.
    func expired()
}

/// One thread with an epoll set of its own that moves the bytes of the splice connections it owns, outside NIO.
///
/// Each connection and listener belongs to one loop for its whole life and is only touched on the loop's thread, so
/// the byte path takes no lock. Other threads reach a loop only through ``execute(_:)``: a queue behind a mutex and
/// an eventfd that wakes the loop, used when a connection is admitted, handed to NIO or closed, never per byte.
final class SpliceLoop: @unchecked Sendable {
    // Unchecked because `watchers` and the bytes of `scratch` are mutable: they are only read and written on the loop's
    // own thread (in `run` and in the work that `execute` queues for that thread); every other stored property is
    // immutable or a Mutex/Atomic.
    private let epoll: CInt
    private let wake: CInt
    private let inbox = Mutex<[@Sendable () -> Void]>([])
    private let tokens = Atomic<UInt64>(1)
    private var watchers: [UInt64: any SpliceWatcher] = [:]
    /// Tokens to tell when their instant passes, in order: every deadline is the same delay after it was asked for.
    private var deadlines: [(instant: ContinuousClock.Instant, token: UInt64)] = []
    private var nextDeadline = 0
    /// Where small chunks are copied between a read and a send; shared by the loop's connections, one at a time.
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)

    init() {
        epoll = epoll_create1(CInt(EPOLL_CLOEXEC))
        wake = eventfd(0, CInt(EFD_NONBLOCK | EFD_CLOEXEC))
        precondition(epoll >= 0 && wake >= 0, "splice loop: epoll or eventfd failed, errno \(errno)")
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = 0
        epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &event)
        let thread = Thread { [self] in run() }
        thread.name = "ordeal-splice"
        thread.start()
    }

    /// A token no other watcher of this loop has; any thread may take one.
    func makeToken() -> UInt64 { tokens.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Runs `work` on the loop's thread, after the work queued before it.
    func execute(_ work: @escaping @Sendable () -> Void) {
        inbox.withLock { $0.append(work) }
        var one: UInt64 = 1
        _ = Glibc.write(wake, &one, 8)
    }

    /// Runs `work` on the loop's thread and returns when it is done.
    func submit(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            execute {
                work()
                done.resume()
            }
        }
    }

    // MARK: On the loop's thread

    /// Starts delivering `watcher`'s events; `token` must be this loop's and unused.
    func add(_ watcher: any SpliceWatcher, token: UInt64) {
        watchers[token] = watcher
    }

    /// The watcher registered with `token`, if it is still there.
    func watcher(_ token: UInt64) -> (any SpliceWatcher)? { watchers[token] }

    /// Forgets a watcher; its descriptors must be out of the epoll set (closed or `unwatch`ed) by the caller.
    func remove(token: UInt64) {
        watchers[token] = nil
    }

    /// Adds `descriptor` to the epoll set as `side` of the watcher with `token`, level-triggered.
    @discardableResult
    func watch(_ descriptor: CInt, token: UInt64, side: UInt64, events: UInt32) -> Bool {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token << 1 | side
        return epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) == 0
    }

    /// Changes the events `descriptor` is watched for.
    func modify(_ descriptor: CInt, token: UInt64, side: UInt64, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token << 1 | side
        epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, &event)
    }

    /// Calls `expired()` on the watcher with `token` once `delay` has passed, if it is still there; `delay` must be the
    /// same for every call, which keeps the deadlines in order.
    func expire(_ token: UInt64, after delay: Duration) {
        deadlines.append((.now + delay, token))
    }

    /// Takes `descriptor` out of the epoll set, leaving it open.
    func unwatch(_ descriptor: CInt) {
        var event = epoll_event()
        epoll_ctl(epoll, EPOLL_CTL_DEL, descriptor, &event)
    }

    private func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        while true {
            let count = epoll_wait(epoll, events, CInt(capacity), expireDue())
            for index in 0..<Int(count) {
                let key = events[index].data.u64
                if key == 0 {
                    runInbox()
                } else {
                    watchers[key >> 1]?.ready(events[index].events, side: key & 1)
                }
            }
        }
    }

    /// Tells the watchers whose deadline passed, and returns how long epoll may wait for the next one (ms, -1: no end).
    private func expireDue() -> CInt {
        guard nextDeadline < deadlines.count else { return -1 }
        let now = ContinuousClock.now
        while nextDeadline < deadlines.count, deadlines[nextDeadline].instant <= now {
            let token = deadlines[nextDeadline].token
            nextDeadline += 1
            watchers[token]?.expired()
        }
        if nextDeadline == deadlines.count {
            deadlines.removeAll(keepingCapacity: true)
            nextDeadline = 0
            return -1
        }
        if nextDeadline > 1024 {
            deadlines.removeFirst(nextDeadline)
            nextDeadline = 0
        }
        let wait = deadlines[nextDeadline].instant - now
        return CInt(clamping: wait.nanosecondsClamped / 1_000_000 + 1)
    }

    private func runInbox() {
        var value: UInt64 = 0
        _ = Glibc.read(wake, &value, 8)
        let work = inbox.withLock { queue in
            defer { queue = [] }
            return queue
        }
        for item in work { item() }
    }
}

/// The splice loops of a process (or of one registry), handed out in turn to new connections.
public final class SpliceLoopGroup: Sendable {
    private let loops: [SpliceLoop]
    private let next = Atomic<UInt>(0)

    /// Loops that live as long as the process; `threads` is like `--loops`.
    public init(threads: Int) {
        // A send or splice to a socket its peer reset raises SIGPIPE unless it is ignored (NIO ignores it too, but
        // only once it made a socket of its own).
        signal(SIGPIPE, SIG_IGN)
        loops = (0..<max(1, threads)).map { _ in SpliceLoop() }
    }

    /// One loop per core, shared by every proxy that is not given a group of its own.
    public static let shared = SpliceLoopGroup(threads: System.coreCount)

    /// The loop for the next connection.
    func nextLoop() -> SpliceLoop {
        loops[Int(next.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(loops.count))]
    }
}
