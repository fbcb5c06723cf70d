import Basics
import NIOCore
import NIOPosix
import Profiler

/// Everything the generator keeps on one event loop: its connection pool, its virtual users, its compiled flow and its
/// recorder. Only that loop touches it, so recording takes no lock.
final class LoopWorker {
    let eventLoop: any EventLoop
    /// This worker's position among the loops, and how many loops there are (for splitting work between them).
    let index: Int
    let loopCount: Int
    let plan: LoadPlan
    let flow: CompiledFlow
    let address: SocketAddress
    let recorder: LoopRecorder
    /// Seeds each new user's random source.
    private var random: SplitMix64
    /// Every user this loop has made; executors borrow them phase by phase, so connections outlive phases.
    var users: [VirtualUser] = []
    /// This loop's connections to the target.
    private(set) var pool: ConnectionPool!
    private var timeoutSweep: Scheduled<Void>?
    /// Stops the running phase at once (set by the executor of that phase).
    var stopPhase: (() -> Void)?
    private(set) var isStopped = false
    /// Iterations this loop has started; numbers iterations across loops without sharing a counter.
    private var iterationsStarted = 0

    init(eventLoop: any EventLoop, index: Int, loopCount: Int, plan: LoadPlan, address: SocketAddress) {
        self.eventLoop = eventLoop
        self.index = index
        self.loopCount = loopCount
        self.plan = plan
        self.address = address
        let allocator = ByteBufferAllocator()
        self.flow = CompiledFlow(
            requests: plan.flow.map { EncodedRequest($0, target: plan.target, allocator: allocator) },
            dataSources: plan.dataSources,
            variableCount: plan.variableCount
        )
        self.recorder = LoopRecorder(requestNames: plan.requestNames)
        self.random = SplitMix64(seed: UInt64.random(in: 0...UInt64.max))
        let opener = ConnectionOpener(
            eventLoop: eventLoop,
            address: address,
            connectTimeout: .nanoseconds(Int64(plan.connectTimeout.inSeconds * 1e9)),
            tls: plan.target.isSecure ? plan.tls : nil
        )
        self.pool = ConnectionPool(opener: opener, speech: plan.speech)
        scheduleTimeoutSweep()
    }

    /// The user at `slot`, made on first use.
    func user(at slot: Int) -> VirtualUser {
        while users.count <= slot {
            let user = VirtualUser(
                slot: users.count,
                flow: flow,
                recorder: recorder,
                pool: pool,
                eventLoop: eventLoop,
                seed: random.next()
            )
            users.append(user)
        }
        return users[slot]
    }

    /// The next iteration's number across the run: loops take turns (loop i numbers i, i + loopCount, …), so data
    /// rows and `seq()` are handed out in turn without a lock.
    func nextIterationNumber() -> Int {
        defer { iterationsStarted += 1 }
        return iterationsStarted * loopCount + index
    }

    /// This loop's share of `total` (the first `total % loopCount` loops take one more).
    func share(of total: Int) -> Int {
        total / loopCount + (index < total % loopCount ? 1 : 0)
    }

    /// Hands over what was recorded since the last call, as the span ending at `offset` from the run's start.
    func takeInterval(endingAt offset: Duration) -> IntervalRecording {
        var interval = recorder.take(endingAt: offset)
        for user in users where !user.isIdle {
            interval.activeUsers += 1
            if user.isAwaitingResponse { interval.inFlight += 1 }
        }
        return interval
    }

    /// Runs this loop's share of a phase; the future completes when its iterations are done or abandoned.
    /// Arrivals due in the first `skipped` of the phase (a late join) are counted as dropped, not sent.
    func runPhase(
        _ phase: PlannedPhase,
        origin: NIODeadline,
        skipping skipped: Duration = .zero,
        budget: IterationBudget?
    ) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        guard !isStopped else {
            promise.succeed()
            return promise.futureResult
        }
        pool.useConnections(share(of: phase.http2Connections))
        switch phase.load {
        case .arrivalRate(let schedule, let duration, let maxInFlight):
            runArrivalRate(
                schedule,
                origin: origin,
                duration: duration,
                skipping: skipped,
                maxInFlight: maxInFlight,
                done: promise
            )
        case .virtualUsers(let load):
            let executor = VirtualUserExecutor(
                worker: self,
                load: load,
                origin: origin,
                budget: budget,
                done: promise
            )
            stopPhase = { executor.stop() }
            executor.start()
        }
        return promise.futureResult
    }

    /// Opens the schedule's existential once per phase, so pacing calls it directly.
    private func runArrivalRate(
        _ schedule: some ArrivalSchedule,
        origin: NIODeadline,
        duration: Duration,
        skipping skipped: Duration,
        maxInFlight: Int,
        done: EventLoopPromise<Void>
    ) {
        let executor = ArrivalRateExecutor(
            worker: self,
            schedule: schedule,
            origin: origin,
            duration: duration,
            skipping: skipped,
            capacity: share(of: maxInFlight),
            done: done
        )
        stopPhase = { executor.stop() }
        executor.start()
    }

    /// Stops the run on this loop: the running phase ends at once and every connection closes.
    func stop() {
        isStopped = true
        stopPhase?()
        stopPhase = nil
        for user in users { user.interrupt() }
        pool.closeAll()
        timeoutSweep?.cancel()
    }

    private func scheduleTimeoutSweep() {
        let period = min(max(plan.timeout.inSeconds / 10, 0.005), 0.1)
        timeoutSweep = eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(period * 1e9))) { [self] in
            let now = NIODeadline.now()
            let limit = Int64(plan.timeout.inSeconds * 1e9)
            for user in users where user.isAwaitingResponse && user.connection != nil {
                if now - user.writeTime >= .nanoseconds(limit) { user.failed(.timeout, at: now) }
            }
            if !isStopped { scheduleTimeoutSweep() }
        }
    }
}
