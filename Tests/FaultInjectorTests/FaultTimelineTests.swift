import FaultInjector
import Testing

/// The timeline applies faults at their offsets, lifts them after their duration and records the real windows.
@Suite(.timeLimit(.minutes(1))) struct FaultTimelineTests {
    @Test func appliesAndLiftsAToxicOnTime() async throws {
        let registry = ProxyRegistry(seed: 3)
        let echo = try await EchoServer.start()
        let proxy = try await registry.create(ProxyConfiguration(name: "api", upstream: "127.0.0.1:\(echo.port)"))
        let spec = ToxicSpec(name: "slow", toxic: LatencyToxic(latency: 10))
        let timeline = FaultTimeline(
            faults: [
                ScheduledFault(
                    offset: .milliseconds(100),
                    duration: .milliseconds(200),
                    action: .toxic(proxy: "api", spec)
                )
            ],
            registry: registry
        )
        let run = Task { try await timeline.run() }
        try await Task.sleep(for: .milliseconds(50))
        #expect(proxy.toxics.isEmpty, "not yet")
        try await Task.sleep(for: .milliseconds(120))
        #expect(proxy.toxics.map(\.name) == ["slow"], "on during the window")
        try await run.value
        #expect(proxy.toxics.isEmpty, "lifted after it")
        let window = try #require(timeline.windows.first)
        #expect(window.label == "latency on api")
        let start = try #require(window.start)
        let end = try #require(window.end)
        #expect(start >= .milliseconds(100) && start < .milliseconds(180))
        #expect(end >= .milliseconds(300) && end < .milliseconds(400))
        await registry.shutdown()
        await echo.stop()
    }

    @Test func cancellingLiftsWhatIsOn() async throws {
        let registry = ProxyRegistry(seed: 4)
        let proxy = try await registry.create(ProxyConfiguration(name: "db", upstream: "127.0.0.1:9"))
        let timeline = FaultTimeline(
            faults: [
                ScheduledFault(offset: .zero, duration: .seconds(30), action: .down(proxy: "db")),
                ScheduledFault(offset: .seconds(20), duration: .seconds(1), action: .down(proxy: "db")),
            ],
            registry: registry
        )
        let run = Task { try await timeline.run() }
        try await Task.sleep(for: .milliseconds(150))
        #expect(proxy.configuration.enabled == false)
        run.cancel()
        try await run.value
        #expect(proxy.configuration.enabled == true)
        #expect(timeline.windows[0].end != nil)
        #expect(timeline.windows[1].start == nil, "never started")
        await registry.shutdown()
    }

    @Test func recordsAFaultThatCannotApply() async throws {
        let registry = ProxyRegistry(seed: 5)
        let timeline = FaultTimeline(
            faults: [ScheduledFault(offset: .zero, duration: .milliseconds(10), action: .down(proxy: "missing"))],
            registry: registry
        )
        try await timeline.run()
        #expect(timeline.windows[0].error == "proxy not found")
        #expect(timeline.windows[0].start == nil)
    }
}

/// CPU pressure: validation, and that the burner uses about the CPU time asked for.
@Suite(.timeLimit(.minutes(1))) struct CPUPressureTests {
    @Test(arguments: [0, 101, -5])
    func refusesAPercentOutOfRange(percent: Int) {
        #expect(throws: CPUPressureError.percentOutOfRange(percent)) { try CPUPressure(percent: percent, cores: 1) }
    }

    @Test func refusesZeroCores() {
        #expect(throws: CPUPressureError.coresOutOfRange(0)) { try CPUPressure(percent: 50, cores: 0) }
    }

    @Test func burnsRoughlyTheAskedShare() async throws {
        let report = try await CPUPressure(percent: 40, cores: 1).run(for: .milliseconds(600))
        #expect(report.wallSeconds >= 0.6)
        // Loose bounds: the machine is shared; the benchmark holds the tight ±10%.
        #expect(report.coresUsed > 0.2 && report.coresUsed < 0.6, "\(report)")
    }

    @Test func stopsWhenCancelled() async throws {
        let pressure = try CPUPressure(percent: 10, cores: 1)
        let task = Task { await pressure.run(for: nil) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let report = await task.value
        #expect(report.wallSeconds < 2)
    }
}
