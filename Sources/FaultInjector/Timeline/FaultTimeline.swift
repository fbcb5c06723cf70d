import Basics
import ServiceLifecycle
import Synchronization

/// Applies scheduled faults at their offsets and lifts them after their duration, recording when each window
/// really opened and closed.
///
/// ```
/// toxic, down:  ──wait──▶ apply ─────── hold ─────── lift
/// cpu, memory:  ──wait──▶ burn / allocate+touch ── hold ── stop / unmap
/// pause:        ──wait──▶ SIGSTOP ───── hold ─────── SIGCONT
/// kill:         ──wait──▶ SIGKILL ── restart-after ── start again ─ ready? ─▶ (window ends when ready)
/// signal:       ──wait──▶ one signal (a window of no length)
/// ```
/// A `Service`: cancelling it, or a graceful shutdown, lifts every fault that is on before `run` returns (a
/// killed process that was not restarted yet stays down; the harness stops whatever runs at the end).
public final class FaultTimeline: Service, Sendable {
    private let faults: [ScheduledFault]
    private let registry: ProxyRegistry
    private let processes: (any ProcessFaultTarget)?
    private let clock: RunClock?
    private let recorded: Mutex<[Progress]>

    /// What happened to one fault so far, as offsets from the start of the timeline.
    private struct Progress {
        var label: String
        var plannedStart: Duration
        var plannedEnd: Duration?
        var start: Duration?
        var end: Duration?
        var ready: Duration?
        var note: String?
        var error: String?
    }

    /// - Parameters:
    ///   - processes: the target's processes, for process faults; a process fault without them records an error.
    ///   - clock: the run's clock, whose offsets the faults' are; without one, the timeline's zero is when it starts.
    public init(
        faults: [ScheduledFault],
        registry: ProxyRegistry,
        processes: (any ProcessFaultTarget)? = nil,
        clock: RunClock? = nil
    ) {
        self.faults = faults
        self.registry = registry
        self.processes = processes
        self.clock = clock
        self.recorded = Mutex(
            faults.map { fault in
                Progress(
                    label: fault.label,
                    plannedStart: fault.offset,
                    plannedEnd: fault.duration.map { fault.offset + $0 }
                )
            }
        )
    }

    /// The windows of the faults that were applied or failed, in the order the faults were given; a fault still on
    /// (or a process killed and not restarted) ends at `now`, an offset from the start of the timeline; one that
    /// failed before it applied has no length.
    public func windows(endingAt now: Duration) -> [FaultWindow] {
        recorded.withLock { progress in
            progress.compactMap { fault -> FaultWindow? in
                guard let start = fault.start ?? (fault.error == nil ? nil : fault.plannedStart) else { return nil }
                return FaultWindow(
                    description: fault.label,
                    start: start.inSeconds,
                    end: (fault.end ?? (fault.start == nil ? start : max(start, now))).inSeconds,
                    plannedStart: fault.plannedStart.inSeconds,
                    plannedEnd: fault.plannedEnd?.inSeconds,
                    ready: fault.ready?.inSeconds,
                    note: fault.note,
                    error: fault.error,
                    applied: fault.start == nil ? false : nil
                )
            }
        }
    }

    public func run() async throws {
        let clock = self.clock ?? RunClock()
        let work = Task {
            await withTaskGroup(of: Void.self) { group in
                for (index, fault) in self.faults.enumerated() {
                    group.addTask { await self.play(fault, index: index, clock: clock) }
                }
            }
        }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await work.value
            } onGracefulShutdown: {
                work.cancel()
            }
        } onCancel: {
            work.cancel()
        }
    }

    /// One fault's life: wait, apply, hold, lift; a cancellation while it is on still lifts it.
    private func play(_ fault: ScheduledFault, index: Int, clock: RunClock) async {
        do {
            try await clock.sleep(until: fault.offset)
        } catch {
            return
        }
        let elapsed = { clock.elapsed }
        let end = fault.duration.map { fault.offset + $0 }
        switch fault.action {
        case .cpu(let pressure):
            record(index) { $0.start = elapsed() }
            _ = await pressure.run(for: fault.duration)
            record(index) { $0.end = elapsed() }
        case .memory(let pressure):
            do {
                let report = try await pressure.run(for: fault.duration)
                let now = elapsed()
                record(index) {
                    $0.start = now - .seconds(report.heldSeconds)
                    $0.end = now
                    $0.note = report.summary
                }
            } catch {
                record(index) { $0.error = "\(error)" }
            }
        case .process(let name, let processFault):
            await play(processFault, on: name, index: index, length: fault.duration, clock: clock)
        case .toxic, .down:
            do {
                try await apply(fault.action)
                record(index) { $0.start = elapsed() }
            } catch {
                record(index) { $0.error = "\(error)" }
                return
            }
            if let end { try? await clock.sleep(until: end) }
            do {
                try await lift(fault.action)
            } catch {
                record(index) { $0.error = "\(error)" }
            }
            record(index) { $0.end = elapsed() }
        }
    }

    /// A process fault: the window's error says when the process was missing or had already died.
    private func play(
        _ fault: ProcessFault,
        on name: String,
        index: Int,
        length: Duration?,
        clock: RunClock
    ) async {
        let elapsed = { clock.elapsed }
        guard let processes else {
            record(index) { $0.error = "process \"\(name)\": this run started no processes" }
            return
        }
        do {
            switch fault {
            case .pause:
                try await processes.pause(process: name)
                record(index) { $0.start = elapsed() }
                // Held for its length from the SIGSTOP itself, not to the planned end: a late start (a busy pool)
                // must not shorten the stall, whose length is what a pause measures.
                if let length { try? await Task.sleep(for: length) }
                // Cancelled or not, a paused process is thawed, or the harness could not stop it gracefully.
                try await processes.resume(process: name)
                record(index) { $0.end = elapsed() }
            case .signal(let signal):
                try await processes.signal(signal, process: name)
                let now = elapsed()
                record(index) {
                    $0.start = now
                    $0.end = now
                }
            case .kill(let restartAfter):
                try await processes.kill(process: name)
                let killed = elapsed()
                record(index) { $0.start = killed }
                guard let restartAfter else { return }
                // Cancelled before the restart: the process stays down to the end of the run, as its window says.
                guard (try? await clock.sleep(until: killed + restartAfter)) != nil else { return }
                try await processes.restart(process: name)
                let ready = elapsed()
                record(index) {
                    $0.ready = ready
                    $0.end = ready
                }
            }
        } catch {
            let now = elapsed()
            record(index) {
                $0.error = "\(error)"
                if $0.start != nil && $0.end == nil { $0.end = now }
            }
        }
    }

    private func record(_ index: Int, _ change: (inout Progress) -> Void) {
        recorded.withLock { change(&$0[index]) }
    }

    private func apply(_ action: ScheduledFault.Action) async throws(FaultInjectorError) {
        switch action {
        case .toxic(let name, let spec):
            try await registry.proxy(named: name).addToxic(spec)
        case .down(let name):
            let proxy = try await registry.proxy(named: name)
            var configuration = proxy.configuration
            configuration.enabled = false
            try await proxy.update(configuration)
        case .cpu, .memory, .process:
            break
        }
    }

    private func lift(_ action: ScheduledFault.Action) async throws(FaultInjectorError) {
        switch action {
        case .toxic(let name, let spec):
            try await registry.proxy(named: name).removeToxic(named: spec.name)
        case .down(let name):
            let proxy = try await registry.proxy(named: name)
            var configuration = proxy.configuration
            configuration.enabled = true
            try await proxy.update(configuration)
        case .cpu, .memory, .process:
            break
        }
    }
}
