import Basics
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// CPU pressure as stress-ng's `--cpu N --cpu-load P`: N threads, each busy for P% of every short slice.
///
/// Busy-waiting on the monotonic clock and sleeping to an absolute slice end keeps the duty cycle from drifting;
/// each thread reads its own CPU clock at the end, so the report says what the host really got.
public struct CPUPressure: Sendable, Equatable {
    /// Share of each slice to keep busy, 1...100.
    public var percent: Int
    /// How many threads (cores) to load.
    public var cores: Int
    /// Length of one busy + idle cycle; Chaos Mesh passes stress-ng 10 ms.
    public var slice: Duration

    /// Validates the figures; `cores` defaults to every core of the host.
    public init(percent: Int, cores: Int? = nil, slice: Duration = .milliseconds(10)) throws(CPUPressureError) {
        guard (1...100).contains(percent) else { throw .percentOutOfRange(percent) }
        let cores = cores ?? ProcessInfo.processInfo.activeProcessorCount
        guard (1...1024).contains(cores) else { throw .coresOutOfRange(cores) }
        guard slice >= .milliseconds(1) else { throw .sliceTooShort }
        self.percent = percent
        self.cores = cores
        self.slice = slice
    }

    /// Burns CPU for `duration`, or until the task is cancelled, and reports the CPU time achieved.
    public func run(for duration: Duration?) async -> CPUPressureReport {
        let stop = CPUStopFlag()
        let started = ContinuousClock.now
        let threads = (0..<cores).map { _ in BurnerThread(percent: percent, slice: slice, stop: stop) }
        threads.forEach { $0.start() }
        if let duration {
            try? await Task.sleep(for: duration)
        } else {
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(50)) }
        }
        stop.raise()
        var cpu = Duration.zero
        for thread in threads { cpu += await thread.finished() }
        return CPUPressureReport(pressure: self, wall: ContinuousClock.now - started, cpu: cpu)
    }
}

/// Why a CPU pressure request was refused.
public enum CPUPressureError: Error, Equatable, Sendable, CustomStringConvertible {
    case percentOutOfRange(Int)
    case coresOutOfRange(Int)
    case sliceTooShort

    public var description: String {
        switch self {
        case .percentOutOfRange(let value): "CPU percent must be between 1 and 100, got \(value)"
        case .coresOutOfRange(let value): "CPU cores must be between 1 and 1024, got \(value)"
        case .sliceTooShort: "the CPU pressure slice must be at least 1ms"
        }
    }
}

/// What a CPU pressure run achieved.
public struct CPUPressureReport: Sendable, Equatable, Codable {
    public var percent: Int
    public var cores: Int
    /// Wall-clock time the pressure lasted, seconds.
    public var wallSeconds: Double
    /// CPU time the burner threads used, core-seconds.
    public var cpuSeconds: Double

    init(pressure: CPUPressure, wall: Duration, cpu: Duration) {
        percent = pressure.percent
        cores = pressure.cores
        wallSeconds = wall.inSeconds
        cpuSeconds = cpu.inSeconds
    }

    /// Cores kept busy on average: CPU time over wall time (0.5 for 50% of one core).
    public var coresUsed: Double { wallSeconds > 0 ? cpuSeconds / wallSeconds : 0 }

    /// Achieved load against the asked load (1.0 is exact).
    public var accuracy: Double { coresUsed / (Double(cores) * Double(percent) / 100) }
}

/// Tells burner threads to stop; an atomic, read once per slice.
final class CPUStopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
