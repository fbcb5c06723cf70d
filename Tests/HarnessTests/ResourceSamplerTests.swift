import Foundation
import Profiler
import Testing

@testable import Harness

@Suite struct ResourceSamplerTests {
    @Test func readsThisProcess() throws {
        let reading = try ProcessReading.read(pid: getpid())
        #expect(reading.residentBytes > 1_000_000)
        #expect(reading.cpuSeconds > 0)
    }

    @Test func parsesACommandNameWithSpacesAndParentheses() throws {
        let stat = "42 (my (odd) name) S 1 42 42 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 1 0 100 1000 300"
        let reading = try ProcessReading.parse(stat: stat, statm: "1000 300 50 1 0 100 0", pid: 42)
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        #expect(reading.cpuSeconds == 400 / ticks)
        #expect(reading.residentBytes == 300 * UInt64(sysconf(Int32(_SC_PAGESIZE))))
    }

    @Test func aMissingProcessIsAClearError() {
        #expect(throws: ProcessReading.Failure.self) { try ProcessReading.read(pid: Int32.max) }
    }

    @Test func samplesABusyChildProcess() async throws {
        // A real process that burns one core until terminated: the sampler must see it near 100%.
        let burner = Process()
        burner.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Spins until the test terminates it (at most a few seconds); `:` is a shell builtin, so no forks.
        burner.arguments = ["-c", "while :; do :; done"]
        burner.standardOutput = FileHandle.nullDevice
        burner.standardError = FileHandle.nullDevice
        try burner.run()
        // SIGKILL: a SIGTERM may be ignored when the test runner's ignored signals are inherited.
        defer { kill(burner.processIdentifier, SIGKILL) }
        let sampler = ResourceSampler(processes: [("burner", burner.processIdentifier)], interval: .milliseconds(500))
        let sampling = Task { await sampler.run() }
        // Wait for three samples (not a fixed time): parallel CPU-heavy tests may delay the sampler's timer.
        let deadline = ContinuousClock.now + .seconds(120)
        while sampler.samples.count < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        sampling.cancel()
        await sampling.value
        let samples = sampler.samples
        #expect(samples.count >= 3)
        #expect(samples.allSatisfy { $0.process == "burner" && $0.rssBytes > 0 })
        // A busy loop in sh on a shared 2-core machine: an idle process reads 0 and one thread cannot pass 100 %;
        // with a dozen busy neighbours the burner still gets several percent, so 2 % is far from idle.
        let busiest = samples.map(\.cpuPercent).max() ?? 0
        #expect(busiest > 2 && busiest < 130, "cpu samples: \(samples.map(\.cpuPercent))")
    }
}
