import Basics
import NIOCore
import NIOPosix
import Profiler
import Synchronization

/// The engine's one entry point: runs a plan's phases in order on one event loop per core and publishes what it
/// measured, second by second.
///
/// ```
/// coordinator ──start phase──▶ loop 0: LoopWorker ── users ── connections ──▶ target
///     │  ◀──interval, 1/s───   loop 1: LoopWorker ── users ── connections ──▶ target
///     └─ merges the loops' intervals at each second of the run's clock and publishes them (`onSecond`)
/// ```
/// Cancelling the calling task (Ctrl-C) stops every loop at once; what was measured up to then is still published.
public struct LoadGenerator: Sendable {
    public let plan: LoadPlan
    /// How many event loops (threads) generate load; one per core by default.
    public let loopCount: Int

    public init(plan: LoadPlan, loopCount: Int = System.coreCount) {
        self.plan = plan
        self.loopCount = max(1, loopCount)
    }

    /// Runs every phase; `onSecond` receives each merged span (one second of `clock`, or the piece of one at a phase
    /// boundary) as soon as it is cut, on the calling task.
    public func run(
        clock: RunClock = RunClock(),
        onSecond: @escaping @Sendable (GeneratedSecond) -> Void
    ) async throws -> GeneratorOutline {
        let address = try SocketAddress.makeAddressResolvingHost(plan.target.host, port: plan.target.port)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: loopCount)
        var workers: [WorkerHandle] = []
        for (index, loop) in group.makeIterator().enumerated() {
            let plan = self.plan
            let count = loopCount
            let bound = try await loop.submit {
                NIOLoopBound(
                    LoopWorker(eventLoop: loop, index: index, loopCount: count, plan: plan, address: address),
                    eventLoop: loop
                )
            }.get()
            workers.append(WorkerHandle(loop: loop, worker: bound))
        }
        let handles = workers
        let run = Coordinator(plan: plan, workers: handles, clock: clock, onSecond: onSecond)
        let outline = await withTaskCancellationHandler {
            await run.runPhases()
        } onCancel: {
            for handle in handles { handle.loop.execute { handle.worker.value.stop() } }
        }
        for handle in workers { try? await handle.loop.submit { handle.worker.value.stop() }.get() }
        try await group.shutdownGracefully()
        return outline
    }

    /// Runs every phase and adds the seconds up, for a caller with no aggregation of its own.
    public func collect(
        clock: RunClock = RunClock(),
        onSecond: @escaping @Sendable (GeneratedSecond) -> Void = { _ in }
    ) async throws -> RunResult {
        let collected = Mutex(RunResult(requestNames: plan.requestNames))
        let outline = try await run(clock: clock) { second in
            collected.withLock { $0.add(second) }
            onSecond(second)
        }
        return collected.withLock { result in
            result.wasInterrupted = outline.wasInterrupted
            return result
        }
    }
}

/// A worker and the loop it lives on, so the coordinator can reach it from any thread.
struct WorkerHandle: Sendable {
    let loop: any EventLoop
    let worker: NIOLoopBound<LoopWorker>
}

/// Drives the phases and cuts the intervals at each second of the run's clock; lives in the calling task.
struct Coordinator: Sendable {
    let plan: LoadPlan
    let workers: [WorkerHandle]
    let clock: RunClock
    let onSecond: @Sendable (GeneratedSecond) -> Void

    func runPhases() async -> GeneratorOutline {
        var outline = GeneratorOutline()
        var lastCut = Duration.zero
        var missed = plan.startOffset
        for (index, phase) in plan.phases.enumerated() {
            if Task.isCancelled { break }
            let phaseStart = lastCut
            let skipped = min(missed, phase.nominalLength)
            missed -= skipped
            let done = startPhase(phase, skipping: skipped)
            // The cutter sleeps to each second while the phase runs; the phase's end wakes this task, not a poll.
            lastCut = await withTaskGroup(of: Duration.self) { group in
                group.addTask { await cutEverySecond(from: phaseStart, phase: phase.name, index: index) }
                try? await done.get()
                group.cancelAll()
                return await group.next() ?? phaseStart
            }
            let end = clock.elapsed
            if end > lastCut || index == 0 {
                publish(await collect(from: lastCut, to: end), phase: phase.name, index: index)
                lastCut = end
            }
            outline.phases.append(PhaseSpan(name: phase.name, start: phaseStart.inSeconds, end: lastCut.inSeconds))
        }
        outline.wasInterrupted = Task.isCancelled
        return outline
    }

    /// Cuts and publishes a span at each whole second after `start` until cancelled; returns the last cut.
    private func cutEverySecond(from start: Duration, phase: String, index: Int) async -> Duration {
        var lastCut = start
        var nextTick = Duration.seconds(Int64(start.components.seconds) + 1)
        while true {
            do {
                try await clock.sleep(until: nextTick)
            } catch {
                return lastCut
            }
            publish(await collect(from: lastCut, to: nextTick), phase: phase, index: index)
            lastCut = nextTick
            nextTick += .seconds(1)
        }
    }

    private func publish(_ interval: IntervalRecording, phase: String, index: Int) {
        onSecond(GeneratedSecond(phase: phase, phaseIndex: index, recording: interval))
    }

    /// Starts the phase on every loop with a common origin; the future completes once every loop is done with it.
    /// A phase joined `skipped` into its schedule (a late start) has its origin that much in the past.
    private func startPhase(_ phase: PlannedPhase, skipping skipped: Duration) -> EventLoopFuture<Void> {
        let origin = NIODeadline.now() + .milliseconds(5) - .nanoseconds(skipped.nanosecondsClamped)
        var budget: IterationBudget?
        if case .virtualUsers(.sharedIterations(_, let iterations, _)) = phase.load {
            budget = IterationBudget(iterations)
        }
        let futures = workers.map { [budget] handle in
            handle.loop.flatSubmit {
                handle.worker.value.runPhase(phase, origin: origin, skipping: skipped, budget: budget)
            }
        }
        return EventLoopFuture.andAllComplete(futures, on: workers[0].loop)
    }

    /// Takes every loop's recording since the last cut and merges them into one span.
    private func collect(from start: Duration, to end: Duration) async -> IntervalRecording {
        var merged = IntervalRecording(requestNames: plan.requestNames, start: start, end: end)
        for handle in workers {
            if let part = try? await handle.loop.submit({ handle.worker.value.takeInterval(endingAt: end) }).get() {
                merged.add(part)
            }
        }
        merged.start = start
        merged.end = end
        return merged
    }
}
