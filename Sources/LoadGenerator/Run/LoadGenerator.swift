import Basics
import NIOCore
import NIOPosix
import Profiler
import Synchronization

/// The engine's one entry point: runs a plan's phases in order on one event loop per core and returns what it
/// measured.
///
/// ```
/// coordinator ──start phase──▶ loop 0: LoopWorker ── users ── connections ──▶ target
///     │  ◀──interval, 1/s───   loop 1: LoopWorker ── users ── connections ──▶ target
///     └─ merges the loops' intervals once per second, feeds the series, the totals and `onInterval`
/// ```
/// Cancelling the calling task (Ctrl-C) stops every loop at once; what was measured up to then is still returned.
public struct LoadGenerator: Sendable {
    public let plan: LoadPlan
    /// How many event loops (threads) generate load; one per core by default.
    public let loopCount: Int

    public init(plan: LoadPlan, loopCount: Int = System.coreCount) {
        self.plan = plan
        self.loopCount = max(1, loopCount)
    }

    /// Runs every phase; `onInterval` receives each merged span (about one second) as soon as it is cut.
    public func run(
        onInterval: @escaping @Sendable (IntervalRecording, IntervalSummary) -> Void = { _, _ in }
    ) async throws -> RunResult {
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
        let run = Coordinator(plan: plan, workers: handles, onInterval: onInterval)
        let result = await withTaskCancellationHandler {
            await run.runPhases()
        } onCancel: {
            for handle in handles { handle.loop.execute { handle.worker.value.stop() } }
        }
        for handle in workers { try? await handle.loop.submit { handle.worker.value.stop() }.get() }
        try await group.shutdownGracefully()
        return result
    }
}

/// A worker and the loop it lives on, so the coordinator can reach it from any thread.
struct WorkerHandle: Sendable {
    let loop: any EventLoop
    let worker: NIOLoopBound<LoopWorker>
}

/// Drives the phases and cuts the intervals; lives in the calling task.
struct Coordinator {
    let plan: LoadPlan
    let workers: [WorkerHandle]
    let onInterval: @Sendable (IntervalRecording, IntervalSummary) -> Void
    let runStart = NIODeadline.now()

    func runPhases() async -> RunResult {
        var result = RunResult(requestNames: plan.requestNames)
        var lastCut = Duration.zero
        var nextTick = Duration.seconds(1)
        var missed = plan.startOffset
        for (index, phase) in plan.phases.enumerated() {
            if Task.isCancelled { break }
            let skipped = min(missed, phase.nominalLength)
            missed -= skipped
            let phaseDone = startPhase(phase, skipping: skipped)
            while !phaseDone.isSet {
                if offsetNow() >= nextTick {
                    let interval = await collect(from: lastCut, to: nextTick)
                    publish(interval, phase: phase.name, index: index, into: &result)
                    lastCut = nextTick
                    nextTick += .seconds(1)
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
            let end = offsetNow()
            if end > lastCut || index == 0 {
                publish(await collect(from: lastCut, to: end), phase: phase.name, index: index, into: &result)
                lastCut = end
            }
            while nextTick <= lastCut { nextTick += .seconds(1) }
        }
        result.wasInterrupted = Task.isCancelled
        return result
    }

    private func publish(_ interval: IntervalRecording, phase: String, index: Int, into result: inout RunResult) {
        result.add(interval, phase: phase, phaseIndex: index)
        onInterval(interval, result.series.last!)
    }

    private func offsetNow() -> Duration {
        .nanoseconds(Int64(NIODeadline.now().uptimeNanoseconds - runStart.uptimeNanoseconds))
    }

    /// Starts the phase on every loop with a common origin; the flag is set once every loop is done with it.
    /// A phase joined `skipped` into its schedule (a late start) has its origin that much in the past.
    private func startPhase(_ phase: PlannedPhase, skipping skipped: Duration) -> DoneFlag {
        let origin = NIODeadline.now() + .milliseconds(5) - .nanoseconds(Int64(skipped.inSeconds * 1e9))
        var budget: IterationBudget?
        if case .virtualUsers(.sharedIterations(_, let iterations, _)) = phase.load {
            budget = IterationBudget(iterations)
        }
        let flag = DoneFlag()
        let futures = workers.map { [budget] handle in
            handle.loop.flatSubmit {
                handle.worker.value.runPhase(phase, origin: origin, skipping: skipped, budget: budget)
            }
        }
        EventLoopFuture.andAllComplete(futures, on: workers[0].loop).whenComplete { _ in flag.set() }
        return flag
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

/// A one-way flag set from an event loop and read by the coordinator's task.
final class DoneFlag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
