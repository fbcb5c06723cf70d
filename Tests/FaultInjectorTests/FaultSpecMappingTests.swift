import FaultInjector
import Scenarios
import Testing

/// A scenario's faults become timeline entries with Toxiproxy's units.
@Suite struct FaultSpecMappingTests {
    let here = Scenarios.SourceLocation(file: "chaos.yaml", line: 3, column: 5)

    @Test func mapsAToxicWithItsUnitsAndAUniqueName() throws {
        let spec = FaultSpec(
            at: .seconds(40),
            duration: .seconds(20),
            action: .toxic(
                proxy: "payments",
                Scenarios.ToxicSpec(
                    kind: .latency(latency: .milliseconds(200), jitter: .milliseconds(50)),
                    toxicity: 0.5
                )
            ),
            location: here
        )
        let fault = try ScheduledFault(spec)
        #expect(fault.offset == .seconds(40) && fault.duration == .seconds(20))
        guard case .toxic(let proxy, let toxic) = fault.action else {
            Issue.record("expected a toxic, got \(fault.action)")
            return
        }
        #expect(proxy == "payments")
        #expect(toxic.name == "latency_downstream_at40000ms")
        #expect(toxic.toxicity == 0.5)
        #expect(toxic.toxic as? LatencyToxic == LatencyToxic(latency: 200, jitter: 50))
    }

    @Test func mapsSlicerDelayToMicroseconds() {
        let toxic = FaultInjector.ToxicSpec(
            Scenarios.ToxicSpec(
                kind: .slicer(averageSize: 64, sizeVariation: 8, delay: .milliseconds(2)),
                stream: .upstream
            )
        )
        #expect(toxic.stream == .upstream)
        #expect(toxic.toxic as? SlicerToxic == SlicerToxic(averageSize: 64, sizeVariation: 8, delay: 2_000))
    }

    @Test func mapsCPUAndDown() throws {
        let cpu = try ScheduledFault(
            FaultSpec(
                at: .zero,
                duration: .seconds(1),
                action: .cpu(CPUPressureSpec(percent: 80, cores: 1)),
                location: here
            )
        )
        guard case .cpu(let pressure) = cpu.action else {
            Issue.record("expected cpu")
            return
        }
        #expect(pressure.percent == 80 && pressure.cores == 1)
        let down = try ScheduledFault(
            FaultSpec(at: .zero, duration: .seconds(1), action: .down(proxy: "db"), location: here)
        )
        #expect(down.label == "db down")
    }

    @Test func mapsProcessAndMemoryFaults() throws {
        let kill = try ScheduledFault(
            FaultSpec(
                at: .seconds(5),
                duration: nil,
                action: .process(name: "order-service", .kill(restartAfter: .seconds(2))),
                location: here
            )
        )
        #expect(kill.duration == nil && kill.label == "order-service killed, restarted after 2s")
        guard case .process("order-service", .kill(restartAfter: .seconds(2))) = kill.action else {
            Issue.record("expected a kill, got \(kill.action)")
            return
        }
        let signal = try ScheduledFault(
            FaultSpec(at: .zero, duration: nil, action: .process(name: "api", .signal("HUP")), location: here)
        )
        guard case .process("api", .signal(.hup)) = signal.action else {
            Issue.record("expected SIGHUP, got \(signal.action)")
            return
        }
        let memory = try ScheduledFault(
            FaultSpec(
                at: .zero,
                duration: .seconds(1),
                action: .memory(MemoryPressureSpec(percent: 50)),
                location: here
            )
        )
        guard case .memory(let pressure) = memory.action else {
            Issue.record("expected memory, got \(memory.action)")
            return
        }
        #expect(pressure.size == .percentOfAvailable(50))
    }
}
