import Foundation
import ServiceLifecycle
import Synchronization

/// One second of a target process's resource use, as drawn on the report's CPU and memory charts.
public struct ResourceSample: Sendable, Equatable, Codable {
    /// The process, by the name the target file gave it.
    public var process: String
    /// Seconds since the start of the run.
    public var offset: Double
    /// CPU used over the last interval, in percent of one core (200 = two cores busy).
    public var cpuPercent: Double
    /// Resident memory at the end of the interval.
    public var residentBytes: UInt64
}

/// Samples the CPU and resident memory of the target's processes from /proc once per interval, for the whole run.
///
/// A process that has exited is skipped from then on; sampling never fails the run.
public final class ResourceSampler: Service, Sendable {
    private let processes: [(name: String, pid: Int32)]
    private let interval: Duration
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let recorded = Mutex<[ResourceSample]>([])

    public init(processes: [(name: String, pid: Int32)], interval: Duration = .seconds(1)) {
        self.processes = processes
        self.interval = interval
        self.start = clock.now
    }

    /// Every sample taken so far, in time order.
    public var samples: [ResourceSample] { recorded.withLock { $0 } }

    public func run() async throws {
        var previous = readAll()
        var previousInstant = clock.now
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: interval)
            let now = clock.now
            let current = readAll()
            let elapsed =
                Double((now - previousInstant).components.attoseconds) / 1e18
                + Double((now - previousInstant).components.seconds)
            let offset = Double((now - start).components.seconds) + Double((now - start).components.attoseconds) / 1e18
            let batch = current.compactMap { name, reading -> ResourceSample? in
                guard let before = previous[name], elapsed > 0 else { return nil }
                let cpu = max(0, reading.cpuSeconds - before.cpuSeconds) / elapsed * 100
                return ResourceSample(
                    process: name,
                    offset: offset,
                    cpuPercent: cpu,
                    residentBytes: reading.residentBytes
                )
            }
            recorded.withLock { $0.append(contentsOf: batch.sorted { $0.process < $1.process }) }
            previous = current
            previousInstant = now
        }
    }

    private func readAll() -> [String: ProcessReading] {
        var readings: [String: ProcessReading] = [:]
        for (name, pid) in processes {
            if let reading = try? ProcessReading.read(pid: pid) { readings[name] = reading }
        }
        return readings
    }
}
