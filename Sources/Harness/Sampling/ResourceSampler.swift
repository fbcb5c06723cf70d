import Basics
import Foundation
import Profiler
import ServiceLifecycle
import Synchronization

/// Samples the CPU and resident memory of the target's processes from /proc once per interval, for the whole run.
///
/// A process that has exited is skipped from then on; sampling never fails the run.
public final class ResourceSampler: Service, Sendable {
    private let processes: @Sendable () -> [(name: String, pid: Int32)]
    private let interval: Duration
    private let clock: RunClock
    private let recorded = Mutex<[ResourceSample]>([])

    public convenience init(processes: [(name: String, pid: Int32)], interval: Duration = .seconds(1)) {
        self.init(interval: interval) { processes }
    }

    /// Samples the processes `processes` names at each sample, so one that was replaced is followed; samples are
    /// offsets on `clock` (the run's).
    public init(
        interval: Duration = .seconds(1),
        clock: RunClock = RunClock(),
        processes: @escaping @Sendable () -> [(name: String, pid: Int32)]
    ) {
        self.processes = processes
        self.interval = interval
        self.clock = clock
    }

    /// Every sample taken so far, in time order.
    public var samples: [ResourceSample] { recorded.withLock { $0 } }

    /// Samples until cancelled or shut down gracefully; either ends it at once, not at the next sample.
    public func run() async {
        await cancelWhenGracefulShutdown { await self.sampleUntilCancelled() }
    }

    private func sampleUntilCancelled() async {
        var previous = readAll()
        var previousInstant = clock.elapsed
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            let now = clock.elapsed
            let current = readAll()
            let elapsed = (now - previousInstant).inSeconds
            let offset = now.inSeconds
            let batch = current.compactMap { name, reading -> ResourceSample? in
                guard let before = previous[name], elapsed > 0 else { return nil }
                let cpu = max(0, reading.cpuSeconds - before.cpuSeconds) / elapsed * 100
                return ResourceSample(offset: offset, process: name, cpuPercent: cpu, rssBytes: reading.residentBytes)
            }
            recorded.withLock { $0.append(contentsOf: batch.sorted { $0.process < $1.process }) }
            previous = current
            previousInstant = now
        }
    }

    private func readAll() -> [String: ProcessReading] {
        var readings: [String: ProcessReading] = [:]
        for (name, pid) in processes() {
            if let reading = try? ProcessReading.read(pid: pid) { readings[name] = reading }
        }
        return readings
    }
}
