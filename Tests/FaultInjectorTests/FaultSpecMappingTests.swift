import Basics
import FaultInjector
import Scenarios
import Testing

/// A scenario's faults become timeline entries with Toxiproxy's units, decoded through the toxic registry.
@Suite struct FaultSpecMappingTests {
    static let target =
        "name: t\ntarget: ../targets/order-service.yaml\nload: [ { name: p, iterations: 1 } ]\n"
        + "flow: [ { get: /health } ]\nfaults:\n"

    /// The scenario's faults, parsed as `ordeal` parses them (from the scenarios folder, so the target resolves).
    static func faults(_ lines: String) throws -> [FaultSpec] {
        try ScenarioLoader.parse(yaml: target + lines, file: "chaos.yaml", directory: Fixture.scenarios).faults
    }

    @Test func mapsAToxicWithItsUnitsAndAUniqueName() throws {
        let specs = try Self.faults(
            "  - { at: 40s, for: 20s, proxy: payments, toxicity: 0.5, latency: { delay: 200ms, jitter: 50ms } }\n"
        )
        let fault = try ScheduledFault(specs[0])
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

    @Test func mapsSlicerDelayToMicrosecondsAndTheStream() throws {
        let specs = try Self.faults(
            "  - { at: 1s, for: 1s, proxy: api, slicer: { average_size: 64, size_variation: 8, delay: 2ms, stream: upstream } }\n"
        )
        guard case .toxic(_, let toxic) = try ScheduledFault(specs[0]).action else {
            Issue.record("expected a toxic")
            return
        }
        #expect(toxic.stream == .upstream)
        #expect(toxic.toxic as? SlicerToxic == SlicerToxic(averageSize: 64, sizeVariation: 8, delay: 2_000))
    }

    @Test func mapsEveryShippedToxicType() throws {
        let lines = [
            "bandwidth: { rate: 100 }", "slow_close: { delay: 1s }", "timeout: { timeout: 0 }",
            "reset_peer: { timeout: 10ms }", "limit_data: { bytes: 1000 }", "corrupt: { probability: 0.1% }",
            "packet_loss: { probability: 0.5 }",
        ]
        let specs = try Self.faults(lines.map { "  - { at: 1s, for: 1s, proxy: api, \($0) }\n" }.joined())
        let toxics = try specs.map { spec -> any Toxic in
            guard case .toxic(_, let toxic) = try ScheduledFault(spec).action else { throw Unexpected() }
            return toxic.toxic
        }
        #expect(toxics[0] as? BandwidthToxic == BandwidthToxic(rate: 100))
        #expect(toxics[1] as? SlowCloseToxic == SlowCloseToxic(delay: 1_000))
        #expect(toxics[2] as? TimeoutToxic == TimeoutToxic(timeout: 0))
        #expect(toxics[3] as? ResetPeerToxic == ResetPeerToxic(timeout: 10))
        #expect(toxics[4] as? LimitDataToxic == LimitDataToxic(bytes: 1_000))
        #expect(toxics[5] as? CorruptToxic == CorruptToxic(probability: 0.001))
        #expect(toxics[6] as? PacketLossToxic == PacketLossToxic(probability: 0.5))
    }

    struct Unexpected: Error {}

    @Test func mapsCPUAndDown() throws {
        let specs = try Self.faults(
            "  - { at: 0s, for: 1s, cpu: { percent: 80, cores: 1 } }\n  - { at: 0s, for: 1s, proxy: api, down: true }\n"
        )
        guard case .cpu(let pressure) = try ScheduledFault(specs[0]).action else {
            Issue.record("expected cpu")
            return
        }
        #expect(pressure.percent == 80 && pressure.cores == 1)
        #expect(try ScheduledFault(specs[1]).label == "api down")
    }

    @Test func mapsProcessAndMemoryFaults() throws {
        let specs = try Self.faults(
            """
              - { at: 5s, process: order-service, kill: true, restart-after: 2s }
              - { at: 0s, process: payments, signal: HUP }
              - { at: 0s, for: 1s, memory: { percent: 50 } }

            """
        )
        let kill = try ScheduledFault(specs[0])
        #expect(kill.duration == nil && kill.label == "order-service killed, restarted after 2s")
        guard case .process("order-service", .kill(restartAfter: .milliseconds(2_000))) = kill.action else {
            Issue.record("expected a kill, got \(kill.action)")
            return
        }
        let signal = try ScheduledFault(specs[1])
        guard case .process("payments", .signal(.hup)) = signal.action else {
            Issue.record("expected SIGHUP, got \(signal.action)")
            return
        }
        let memory = try ScheduledFault(specs[2])
        guard case .memory(let pressure) = memory.action else {
            Issue.record("expected memory, got \(memory.action)")
            return
        }
        #expect(pressure.size == .percentOfAvailable(50))
    }
}
