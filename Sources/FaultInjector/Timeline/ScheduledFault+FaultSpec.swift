import Scenarios

extension ScheduledFault {
    /// The timeline entry for a scenario's `faults:` item.
    ///
    /// Its toxic is named after its type, stream and start (`latency_downstream_at40000ms`), so two faults of one
    /// type on one proxy can overlap.
    public init(_ spec: FaultSpec) throws {
        let action: Action
        switch spec.action {
        case .toxic(let proxy, let toxic):
            var installed = FaultInjector.ToxicSpec(toxic)
            installed.name += "_at\(Int64(spec.at.milliseconds))ms"
            action = .toxic(proxy: proxy, installed)
        case .down(let proxy):
            action = .down(proxy: proxy)
        case .cpu(let cpu):
            action = .cpu(try CPUPressure(percent: Int(cpu.percent.rounded(.up)), cores: cpu.cores))
        case .memory(let memory):
            let size: MemoryPressure.Size =
                if let bytes = memory.bytes { .bytes(bytes) } else { .percentOfAvailable(memory.percent ?? 0) }
            action = .memory(try MemoryPressure(size))
        case .process(let name, .pause):
            action = .process(name: name, .pause)
        case .process(let name, .kill(let restartAfter)):
            action = .process(name: name, .kill(restartAfter: restartAfter))
        case .process(let name, .signal(let signalName)):
            guard let signal = ProcessSignal(rawValue: signalName) else {
                throw ProcessFaultError("unknown signal \"\(signalName)\"")
            }
            action = .process(name: name, .signal(signal))
        }
        self.init(offset: spec.at, duration: spec.duration, action: action)
    }
}

extension FaultInjector.ToxicSpec {
    /// The toxic a scenario names, with Toxiproxy's units (ms, µs for slicer's delay, KB/s, bytes).
    public init(_ spec: Scenarios.ToxicSpec) {
        let toxic: any Toxic =
            switch spec.kind {
            case .latency(let latency, let jitter):
                LatencyToxic(latency: latency.wholeMilliseconds, jitter: jitter.wholeMilliseconds)
            case .bandwidth(let rate): BandwidthToxic(rate: rate)
            case .slowClose(let delay): SlowCloseToxic(delay: delay.wholeMilliseconds)
            case .timeout(let timeout): TimeoutToxic(timeout: timeout.wholeMilliseconds)
            case .resetPeer(let timeout): ResetPeerToxic(timeout: timeout.wholeMilliseconds)
            case .slicer(let average, let variation, let delay):
                SlicerToxic(averageSize: average, sizeVariation: variation, delay: Int(delay.nanoseconds / 1_000))
            case .limitData(let bytes): LimitDataToxic(bytes: bytes)
            case .corrupt(let probability): CorruptToxic(probability: probability)
            case .packetLoss(let probability): PacketLossToxic(probability: probability)
            }
        self.init(stream: spec.stream == .upstream ? .upstream : .downstream, toxicity: spec.toxicity, toxic: toxic)
    }
}

extension Duration {
    /// Whole milliseconds, as Toxiproxy's integer attributes want them.
    fileprivate var wholeMilliseconds: Int { Int(nanoseconds / 1_000_000) }

    fileprivate var milliseconds: Double { Double(nanoseconds) / 1e6 }
}
