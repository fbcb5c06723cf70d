import Basics
import ServiceLifecycle
import Synchronization

/// Applies scheduled faults at their offsets and lifts them after their duration, recording when each window
/// really opened and closed.
///
/// A `Service`: cancelling it, or a graceful shutdown, lifts every fault that is on before `run` returns.
public final class FaultTimeline: Service, Sendable {
    private let faults: [ScheduledFault]
    private let registry: ProxyRegistry
    private let recorded: Mutex<[Progress]>

    /// What happened to one fault so far, as offsets from the start of the timeline.
    private struct Progress {
        var label: String
        var plannedStart: Duration
        var plannedEnd: Duration?
        var start: Duration?
        var end: Duration?
        var ready: Duration?
        var error: String?
    }

    public init(faults: [ScheduledFault], registry: ProxyRegistry) {
        self.faults = faults
        self.registry = registry
        self.recorded = Mutex(
            faults.map { Progress(label: $0.label, plannedStart: $0.offset, plannedEnd: $0.offset + $0.duration) }
        )
    }

    /// The windows of the faults that were applied or failed, in the order the faults were given; a fault still on
    /// ends at `now` (an offset from the start of the timeline), one that failed has no length.
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
                    error: fault.error
                )
            }
        }
    }

    public func run() async throws {
        let origin = ContinuousClock.now
        let work = Task {
            await withTaskGroup(of: Void.self) { group in
                for (index, fault) in self.faults.enumerated() {
                    group.addTask { await self.play(fault, index: index, origin: origin) }
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
    private func play(_ fault: ScheduledFault, index: Int, origin: ContinuousClock.Instant) async {
        do {
            try await Task.sleep(until: origin + fault.offset, clock: .continuous)
        } catch {
            return
        }
        let elapsed = { ContinuousClock.now - origin }
        if case .cpu(let pressure) = fault.action {
            record(index) { $0.start = elapsed() }
            _ = await pressure.run(for: fault.duration)
            record(index) { $0.end = elapsed() }
            return
        }
        do {
            try await apply(fault.action)
            record(index) { $0.start = elapsed() }
        } catch {
            record(index) { $0.error = "\(error)" }
            return
        }
        try? await Task.sleep(until: origin + fault.offset + fault.duration, clock: .continuous)
        do {
            try await lift(fault.action)
        } catch {
            record(index) { $0.error = "\(error)" }
        }
        record(index) { $0.end = elapsed() }
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
        case .cpu:
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
        case .cpu:
            break
        }
    }
}
