import Basics
import NIOCore
import Profiler

/// Runs one loop's share of an open-model phase: iterations start on the schedule, whatever the target's speed.
///
/// Loop k of L takes iterations k, k+L, k+2L… of the schedule, so the loops together follow it exactly without
/// talking to each other. An iteration whose time has come while this loop's share of the in-flight cap is busy is
/// counted as dropped (k6 `dropped_iterations`), never delayed. A late timer does not shift the schedule: the
/// iteration still counts its response time from its scheduled start, so a stall shows in the tail (wrk2). A phase
/// joined late (`skipping`) counts the arrivals due before the join as dropped and follows the schedule from there.
final class ArrivalRateExecutor<Schedule: ArrivalSchedule> {
    private unowned let worker: LoopWorker
    private let schedule: Schedule
    private let origin: NIODeadline
    private let iterationCount: Int
    private let capacity: Int
    private let done: EventLoopPromise<Void>
    private var next: Int
    private var idle: [VirtualUser] = []
    private var usersMade = 0
    private var busy = 0
    private var isPacingOver = false
    private var isFinished = false
    private var timer: Scheduled<Void>?

    init(
        worker: LoopWorker,
        schedule: Schedule,
        origin: NIODeadline,
        duration: Duration,
        skipping skipped: Duration = .zero,
        capacity: Int,
        done: EventLoopPromise<Void>
    ) {
        self.worker = worker
        self.schedule = schedule
        self.origin = origin
        let iterationCount = schedule.iterations(in: duration)
        self.iterationCount = iterationCount
        self.capacity = capacity
        self.done = done
        let missed = min(schedule.iterations(in: skipped), iterationCount)
        let missedHere = missed > worker.index ? (missed - worker.index + worker.loopCount - 1) / worker.loopCount : 0
        self.next = worker.index + missedHere * worker.loopCount
        worker.recorder.iterationsDropped(missedHere)
        let graceEnd = origin + .nanoseconds(Int64((duration + worker.plan.gracefulStop).inSeconds * 1e9))
        worker.eventLoop.assumeIsolated().scheduleTask(deadline: graceEnd) { [self] in stop() }
    }

    func start() {
        tick()
    }

    /// Starts every iteration that is due, then sleeps until the next one.
    private func tick() {
        guard !isPacingOver else { return }
        let now = NIODeadline.now()
        while next < iterationCount {
            let due = origin + .nanoseconds(Int64(schedule.intendedStart(ofIteration: next).inSeconds * 1e9))
            guard due <= now else {
                timer = worker.eventLoop.assumeIsolated().scheduleTask(deadline: due) { [self] in tick() }
                return
            }
            launch(intendedStart: due, now: now)
            next += worker.loopCount
        }
        isPacingOver = true
        finishIfDone()
    }

    private func launch(intendedStart: NIODeadline, now: NIODeadline) {
        let user: VirtualUser
        if let free = idle.popLast() {
            user = free
        } else if usersMade < capacity {
            user = worker.user(at: usersMade)
            user.iterationEnded = { [self] user, _ in iterationEnded(user) }
            usersMade += 1
        } else {
            worker.recorder.iterationDropped()
            return
        }
        busy += 1
        user.startIteration(number: worker.nextIterationNumber(), intendedStart: intendedStart, now: now)
    }

    private func iterationEnded(_ user: VirtualUser) {
        busy -= 1
        idle.append(user)
        finishIfDone()
    }

    private func finishIfDone() {
        guard isPacingOver, busy == 0 else { return }
        finish()
    }

    /// Ends the phase now: no more starts, and iterations still running are abandoned.
    func stop() {
        isPacingOver = true
        timer?.cancel()
        finish()
    }

    /// Abandons what still runs and lets go of the users (their callbacks point back here, so that cycle is broken).
    private func finish() {
        guard !isFinished else { return }
        isFinished = true
        for slot in 0..<usersMade {
            let user = worker.user(at: slot)
            if !user.isIdle { user.interrupt() }
            user.iterationEnded = { _, _ in }
        }
        idle.removeAll()
        busy = 0
        done.succeed()
    }
}
