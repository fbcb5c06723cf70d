import Basics
import Foundation

/// The outcome of one run as plain values: what `report.json` holds, what every renderer reads.
///
/// The schema is documented in `docs/report-schema.json`; ``currentSchemaVersion`` changes whenever a field changes
/// meaning or disappears. Latencies are in microseconds, offsets in seconds from the start of the run.
public struct Report: Codable, Sendable, Equatable {
    /// The schema version this build writes and reads.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var run: RunMetadata
    /// All requests together.
    public var overall: RequestSummary
    /// One summary per request name, in the order of the scenario's flow.
    public var requests: [RequestSummary]
    /// One slice per second of the run.
    public var timeline: [TimeSlice]
    public var faults: [FaultWindow]
    public var resources: [ResourceSample]
    public var slos: [SLOVerdict]
    /// Present when the run was compared with a baseline.
    public var comparison: Comparison?
    /// Present when the run ramped its arrival rate and had SLOs to find the knee with (``KneeFinder``).
    public var knee: Knee?
    /// The target's Prometheus counters and gauges, scraped once a second; present when the target names metrics URLs.
    public var targetMetrics: [ScrapedSeries]?
    /// Present for long runs (``DriftFinder``): how memory and p99 moved from the start to the end.
    public var drift: Drift?

    public init(
        run: RunMetadata,
        overall: RequestSummary,
        requests: [RequestSummary],
        timeline: [TimeSlice],
        faults: [FaultWindow] = [],
        resources: [ResourceSample] = []
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.run = run
        self.overall = overall
        self.requests = requests
        self.timeline = timeline
        self.faults = faults
        self.resources = resources
        self.slos = []
        self.comparison = nil
        self.knee = nil
        self.targetMetrics = nil
        self.drift = nil
    }

    /// The summary of one request name, or of all requests when `name` is nil.
    public func summary(for name: String?) -> RequestSummary? {
        guard let name else { return overall }
        return requests.first { $0.name == name }
    }
}
