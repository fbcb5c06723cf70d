import Basics
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Memory pressure as stress-ng's `--vm-bytes N --vm-keep`: an anonymous private mapping of the asked size, every
/// page written once so it is really resident, held for the window and unmapped after.
///
/// The size is checked against what the host can give without swapping or waking the OOM killer (MemAvailable, and
/// the cgroup's limit when there is one) just before allocating; a size above it is refused, not attempted.
public struct MemoryPressure: Sendable, Equatable {
    /// How much to take: a number of bytes, or a share of what is available when the pressure starts.
    public enum Size: Sendable, Equatable, CustomStringConvertible {
        case bytes(Int)
        /// Percent (0 < p ≤ 100) of the memory available when the pressure starts.
        case percentOfAvailable(Double)

        public var description: String {
            switch self {
            case .bytes(let bytes): MemoryPressure.format(bytes)
            case .percentOfAvailable(let percent): "\(percent.formatted())% of available"
            }
        }
    }

    public var size: Size

    /// Validates the size; the host's available memory is looked at only when the pressure runs.
    public init(_ size: Size) throws(MemoryPressureError) {
        switch size {
        case .bytes(let bytes):
            guard bytes > 0 else { throw .bytesNotPositive(bytes) }
        case .percentOfAvailable(let percent):
            guard percent > 0, percent <= 100 else { throw .percentOutOfRange(percent) }
        }
        self.size = size
    }

    /// The bytes this pressure takes on this host now: refused when that is more than is available.
    public func resolvedBytes() throws(MemoryPressureError) -> Int {
        guard let available = HostMemory.available() else { throw .cannotReadAvailable }
        let bytes: Int =
            switch size {
            case .bytes(let bytes): bytes
            case .percentOfAvailable(let percent): Int((Double(available) * percent / 100).rounded())
            }
        guard bytes <= available else { throw .moreThanAvailable(asked: bytes, available: available) }
        return bytes
    }

    /// Allocates and touches the memory, holds it for `duration` (or until the task is cancelled), releases it,
    /// and reports the resident size it reached.
    public func run(for duration: Duration?) async throws(MemoryPressureError) -> MemoryPressureReport {
        let bytes = try resolvedBytes()
        let started = ContinuousClock.now
        let rssBefore = HostMemory.residentOfSelf()
        let held = await Self.offPool { Allocation.touching(bytes: bytes) }
        guard let allocation = held.allocation else { throw .mapFailed(bytes: bytes, errno: held.errno) }
        let reached = ContinuousClock.now - started
        let resident = allocation.residentBytes()
        let rssPeak = HostMemory.residentOfSelf()
        if let duration {
            try? await Task.sleep(until: started + duration, clock: .continuous)
        } else {
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(50)) }
        }
        await Self.offPool { allocation.release() }
        return MemoryPressureReport(
            askedBytes: bytes,
            residentBytes: resident,
            processResidentBefore: rssBefore,
            processResidentPeak: rssPeak,
            processResidentAfter: HostMemory.residentOfSelf(),
            secondsToReach: reached.inSeconds,
            heldSeconds: (ContinuousClock.now - started).inSeconds
        )
    }

    /// Writing a gigabyte page by page, or unmapping it, takes a few hundred milliseconds of kernel time: on a thread
    /// of its own, never on one of the concurrency pool's few threads.
    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "ordeal-memory"
            thread.start()
        }
    }

    static func format(_ bytes: Int) -> String {
        let mebibytes = Double(bytes) / 1_048_576
        return mebibytes >= 1024
            ? String(format: "%.2f GiB", mebibytes / 1024) : String(format: "%.1f MiB", mebibytes)
    }
}

/// One anonymous private mapping, its address kept as an integer so the value can cross threads.
struct Allocation: Sendable {
    let address: Int
    let length: Int

    /// Maps `bytes` and writes one byte in every page, so each page is backed by real memory.
    static func touching(bytes: Int) -> (allocation: Allocation?, errno: Int32) {
        // MAP_POPULATE has the kernel fault the pages in at once, about twice as fast as a trap per page; the writes
        // below then make sure of every page whatever the kernel chose to do.
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
        guard let pointer = mmap(nil, bytes, PROT_READ | PROT_WRITE, flags, -1, 0),
            Int(bitPattern: pointer) != -1
        else { return (nil, errno) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // Not zero: a read of a never-written page maps the shared zero page; only a write gives the page its own frame.
        var offset = 0
        while offset < bytes {
            pointer.storeBytes(of: 0xA5, toByteOffset: offset, as: UInt8.self)
            offset += page
        }
        return (Allocation(address: Int(bitPattern: pointer), length: bytes), 0)
    }

    /// How much of the mapping is resident now, from mincore(2): exact for this mapping, whatever else the process holds.
    func residentBytes() -> Int {
        guard let pointer = UnsafeMutableRawPointer(bitPattern: address) else { return 0 }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = (length + page - 1) / page
        var vector = [UInt8](repeating: 0, count: pages)
        guard mincore(pointer, length, &vector) == 0 else { return 0 }
        return vector.reduce(0) { $0 + Int($1 & 1) } * page
    }

    func release() {
        if let pointer = UnsafeMutableRawPointer(bitPattern: address) { munmap(pointer, length) }
    }
}

/// The host's memory figures from /proc and the cgroup file system.
public enum HostMemory {
    /// What can be taken without swapping: MemAvailable, or less when this process's cgroup has a lower limit left.
    public static func available() -> Int? {
        guard let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let kibibytes = field("MemAvailable:", in: meminfo)
        else { return nil }
        var available = kibibytes * 1024
        if let room = cgroupRoom() { available = min(available, room) }
        return available
    }

    /// This process's resident set (VmRSS), bytes.
    public static func residentOfSelf() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        return (field("VmRSS:", in: status) ?? 0) * 1024
    }

    /// A cgroup v2 `memory.max` minus `memory.current`, when a limit is set.
    private static func cgroupRoom() -> Int? {
        guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
            let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") })
        else { return nil }
        let folder = "/sys/fs/cgroup" + line.dropFirst(3)
        func read(_ name: String) -> Int? {
            (try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        guard let limit = read("memory.max"), let current = read("memory.current") else { return nil }
        return max(0, limit - current)
    }

    /// The number after `name` on its line of a /proc file (`VmRSS:   1234 kB`).
    private static func field(_ name: String, in text: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return nil }
        return line.dropFirst(name.count).split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) }
    }
}

/// Why a memory pressure request was refused or failed.
public enum MemoryPressureError: Error, Equatable, Sendable, CustomStringConvertible {
    case bytesNotPositive(Int)
    case percentOutOfRange(Double)
    case cannotReadAvailable
    case moreThanAvailable(asked: Int, available: Int)
    case mapFailed(bytes: Int, errno: Int32)

    public var description: String {
        switch self {
        case .bytesNotPositive(let bytes): "memory pressure needs a positive size, got \(bytes) bytes"
        case .percentOutOfRange(let percent):
            "memory percent must be above 0 and at most 100, got \(percent.formatted())"
        case .cannotReadAvailable: "cannot read MemAvailable from /proc/meminfo"
        case .moreThanAvailable(let asked, let available):
            "refusing to allocate \(MemoryPressure.format(asked)): only \(MemoryPressure.format(available)) is"
                + " available, and more would swap or wake the OOM killer"
        case .mapFailed(let bytes, let code):
            "cannot map \(MemoryPressure.format(bytes)): \(String(cString: strerror(code)))"
        }
    }
}

/// What a memory pressure run reached.
public struct MemoryPressureReport: Sendable, Equatable, Codable {
    /// The size taken, bytes (a percentage resolved against what was available).
    public var askedBytes: Int
    /// How much of the mapping was resident once every page had been written (mincore), bytes.
    public var residentBytes: Int
    /// This process's VmRSS before allocating, at the peak, and after releasing.
    public var processResidentBefore: Int
    public var processResidentPeak: Int
    public var processResidentAfter: Int
    /// How long allocating and touching took.
    public var secondsToReach: Double
    /// How long the memory was held, from the start of the allocation to its release.
    public var heldSeconds: Double

    /// Resident against asked (1.0 is exact).
    public var accuracy: Double { askedBytes > 0 ? Double(residentBytes) / Double(askedBytes) : 0 }

    /// One line: `resident 512.0 MiB of 512.0 MiB asked (100.0 %) in 0.31 s`.
    public var summary: String {
        "resident \(MemoryPressure.format(residentBytes)) of \(MemoryPressure.format(askedBytes)) asked"
            + String(format: " (%.1f%%) in %.2fs", accuracy * 100, secondsToReach)
    }
}
