import Basics
import NIOCore

/// Runs one loop's share of a closed-model phase: each virtual user runs iterations back to back on its own
/// keep-alive connection (k6 `constant-vus`, `ramping-vus`, `shared-iterations`, `per-vu-iterations`).
///
/// The users are split evenly across loops. A ramping phase re-reads its target every 100 ms: new users start at
/// once, surplus users stop after their current iteration. When the phase's time is up no iteration starts; those
/// still running get the plan's graceful stop to finish and are then abandoned. A user whose connection could not
/// be opened waits 10 ms before trying again, so a refused target is counted, not hammered in a busy loop.
final class VirtualUserExecutor {
    private unowned let worker: LoopWorker
    private let load: VirtualUserLoad
    private let origin: NIODeadline
    private let deadline: NIODeadline
    private let done: EventLoopPromise<Void>
    private let budget: IterationBudget?
    /// Iterations each user (by slot) has run, for `perUserIterations`.
    private var iterationsRun: [Int] = []
    private var target = 0
    private var running = 0
    private var isOver = false
    private var isFinished = false

    init(
        worker: LoopWorker,
        load: VirtualUserLoad,
        origin: NIODeadline,
        budget: IterationBudget?,
        done: EventLoopPromise<Void>
    ) {
        self.worker = worker
        self.load = load
        self.origin = origin
        self.deadline = origin + .nanoseconds(Int64(load.duration.inSeconds * 1e9))
        self.budget = budget
        self.done = done
    }

    func start() {
        let loop = worker.eventLoop.assumeIsolated()
        let graceEnd = deadline + .nanoseconds(Int64(worker.plan.gracefulStop.inSeconds * 1e9))
        loop.scheduleTask(deadline: deadline) { [self] in
            isOver = true
            finishIfDone()
        }
        loop.scheduleTask(deadline: graceEnd) { [self] in stop() }
        loop.scheduleTask(deadline: origin) { [self] in retarget() }
    }

    /// Follows the phase's user count: starts users up to this loop's share, and checks again in 100 ms if ramping.
    private func retarget() {
        guard !isOver else { return }
        let now = NIODeadline.now()
        let offset = Duration.nanoseconds(Int64(now.uptimeNanoseconds) - Int64(origin.uptimeNanoseconds))
        let wanted = worker.share(of: load.users(at: max(offset, .zero)))
        let previous = target
        target = wanted
        for slot in previous..<max(previous, wanted) where worker.user(at: slot).isIdle {
            let user = worker.user(at: slot)
            user.iterationEnded = { [self] user, now in iterationEnded(user, slot: slot, at: now) }
            begin(user, slot: slot, now: now)
        }
        if case .ramping = load { loop.scheduleTask(in: .milliseconds(100)) { [self] in retarget() } }
        finishIfDone()
    }

    private var loop: NIOIsolatedEventLoop { worker.eventLoop.assumeIsolated() }

    /// Starts the user's next iteration if the phase still wants it.
    private func begin(_ user: VirtualUser, slot: Int, now: NIODeadline) {
        guard !isOver, slot < target, now < deadline, takeIteration(slot: slot) else { return finishIfDone() }
        running += 1
        user.startIteration(number: worker.nextIterationNumber(), intendedStart: now, now: now)
    }

    private func takeIteration(slot: Int) -> Bool {
        switch load {
        case .sharedIterations: return budget?.take() ?? false
        case .perUserIterations(_, let iterations, _):
            while iterationsRun.count <= slot { iterationsRun.append(0) }
            guard iterationsRun[slot] < iterations else { return false }
            iterationsRun[slot] += 1
            return true
        case .constant, .ramping: return true
        }
    }

    private func iterationEnded(_ user: VirtualUser, slot: Int, at now: NIODeadline) {
        running -= 1
        if user.failedToConnect {
            loop.scheduleTask(in: .milliseconds(10)) { [self] in
                if user.isIdle { begin(user, slot: slot, now: NIODeadline.now()) }
            }
        } else {
            begin(user, slot: slot, now: now)
        }
    }

    private func finishIfDone() {
        guard running == 0 else { return }
        if isOver || !hasWorkLeft { finish() }
    }

    /// Whether an iteration may still start in this phase (time left, and iterations left when they are counted).
    private var hasWorkLeft: Bool {
        switch load {
        case .constant, .ramping: return !isOver
        case .sharedIterations, .perUserIterations: return false
        }
    }

    /// Ends the phase now, abandoning iterations that still run.
    func stop() {
        isOver = true
        finish()
    }

    private func finish() {
        guard !isFinished else { return }
        isFinished = true
        isOver = true
        for user in worker.users {
            if !user.isIdle { user.interrupt() }
            user.iterationEnded = { _, _ in }
        }
        done.succeed()
    }
}
