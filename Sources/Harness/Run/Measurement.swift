import Basics
import FaultInjector
import Foundation
import LoadGenerator
import Profiler
import Scenarios

/// Everything a run measured, before it becomes a report: the generator's seconds, the fault windows, the samples.
struct Measurement: Sendable {
    let accumulator: ReportAccumulator
    /// When each phase ran; nil when the load never started.
    let outline: GeneratorOutline?
    /// The run's one clock; its zero is the start of the load.
    let clock: RunClock
    let endedAt: Date
    let faults: [FaultWindow]
    let resources: [ResourceSample]
    /// The target's counters and gauges, scraped once a second from its metrics URLs.
    let targetMetrics: [ScrapedSeries]
    let abortedBy: String?
    let interrupted: Bool
    /// What stopped a part of the run (the generator, the fault timeline, a sampler), if one failed.
    let failure: String?

    /// The wall clock read when the load really began (after waiting for a shared start), so segments' skew is
    /// measured, not assumed.
    let loadStartedAt: Date

    var startedAt: Date { clock.startedAt }

    /// The report of the run, without SLO verdicts.
    func report(name: String, file: String?, target: Target, segment: Segment, tls: TLSClient? = nil) -> Report {
        let phases = outline?.phases ?? []
        let metadata = RunMetadata(
            scenarioName: name,
            scenarioHash: file.map(Self.hash(ofFile:)) ?? "",
            target: target.baseURL.description,
            toolVersion: OrdealVersion.current,
            host: ProcessInfo.processInfo.hostName,
            startedAt: startedAt,
            endedAt: endedAt,
            phases: phases,
            tlsVerification: tls.map { $0.isInsecure ? RunMetadata.insecureTLS : RunMetadata.verifiedTLS },
            segment: segment == .whole ? nil : RunSegment(index: segment.index, count: segment.count)
        )
        return accumulator.report(run: RunDescription(metadata: metadata, faults: faults, resources: resources))
    }

    /// A stable digest of the scenario file (64-bit FNV-1a, hex), so reports of the same scenario can be matched.
    static func hash(ofFile path: String) -> String {
        let bytes = FileManager.default.contents(atPath: path) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
