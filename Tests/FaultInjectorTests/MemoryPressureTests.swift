import Basics
import FaultInjector
import Foundation
import Testing

/// Memory pressure: validation, the resident size really reached, and its release.
@Suite(.timeLimit(.minutes(1))) struct MemoryPressureTests {
    static let mebibyte = 1 << 20

    @Test(arguments: [0.0, -1, 100.5])
    func refusesAPercentOutOfRange(percent: Double) {
        #expect(throws: MemoryPressureError.percentOutOfRange(percent)) {
            try MemoryPressure(.percentOfAvailable(percent))
        }
    }

    @Test func refusesMoreThanIsAvailableInsteadOfWakingTheOOMKiller() async throws {
        let available = try #require(HostMemory.available())
        let pressure = try MemoryPressure(.bytes(available + 64 * Self.mebibyte))
        await #expect {
            _ = try await pressure.run(for: .milliseconds(10))
        } throws: { error in
            guard case .moreThanAvailable(let asked, _) = error as? MemoryPressureError else { return false }
            return asked == available + 64 * Self.mebibyte && "\(error)".contains("refusing")
        }
    }

    @Test func reachesItsSizeResidentAndReleasesIt() async throws {
        let size = 256 * Self.mebibyte
        let report = try await MemoryPressure(.bytes(size)).run(for: .milliseconds(300))
        // mincore counts this mapping's pages alone: every one of them was resident.
        #expect(report.residentBytes == size, "\(report)")
        #expect(report.heldSeconds >= 0.3)
        // The process's own resident size rose by about the size and fell back after the release. Other suites in
        // this process allocate at the same time, hence the margins: the full suite has been seen to add 65 MB
        // between the peak and the release's reading.
        #expect(report.processResidentPeak - report.processResidentBefore >= size * 3 / 4, "\(report)")
        #expect(report.processResidentPeak - report.processResidentAfter >= size / 2, "\(report)")
    }

    @Test func aPercentIsTakenOfWhatIsAvailable() throws {
        let available = try #require(HostMemory.available())
        let bytes = try MemoryPressure(.percentOfAvailable(1)).resolvedBytes()
        // Available memory moves while other suites run; 1 % of it stays within a few percent of 1 %.
        #expect(abs(Double(bytes) - Double(available) / 100) < Double(available) / 100 * 0.5)
    }

    @Test func theTimelineHoldsItForTheWindowAndNotesWhatItReached() async throws {
        let timeline = FaultTimeline(
            faults: [
                ScheduledFault(
                    offset: .zero,
                    duration: .milliseconds(300),
                    action: .memory(try MemoryPressure(.bytes(32 * Self.mebibyte)))
                )
            ],
            registry: ProxyRegistry(seed: 1)
        )
        try await timeline.run()
        let window = try #require(timeline.windows(endingAt: .seconds(999)).first)
        #expect(window.description == "memory 32.0 MiB")
        #expect(window.end - window.start >= 0.3)
        #expect(window.note?.hasPrefix("resident 32.0 MiB of 32.0 MiB") == true, "\(window.note ?? "")")
    }
}
