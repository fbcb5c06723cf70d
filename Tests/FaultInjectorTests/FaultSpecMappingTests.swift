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
}
