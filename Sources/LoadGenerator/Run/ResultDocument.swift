import Foundation
import Histogram
import Profiler

/// The plain JSON result `ordeal run --url` writes until the profiler's report takes over: totals per request name,
/// per phase and overall, and the one-second series.
public struct ResultDocument: Codable, Sendable {
    public var schema = "ordeal-loadgen-result/1"
    public var interrupted: Bool
    public var overall: Statistics
    public var requests: [String: Statistics]
    public var phases: [Phase]
    public var series: [IntervalSummary]

    /// One phase: its name, when it ran (seconds from the start of the run) and its totals.
    public struct Phase: Codable, Sendable {
        public var name: String
        public var start: Double
        public var end: Double
        public var statistics: Statistics
    }

    /// Counts, statuses, error kinds, bytes and both latency views (microseconds) of one request name or span.
    public struct Statistics: Codable, Sendable {
        public var requests: UInt64
        public var responses: UInt64
        public var errors: UInt64
        public var statuses: [String: UInt64]
        public var errorKinds: [String: UInt64]
        public var bytesSent: UInt64
        public var bytesReceived: UInt64
        public var iterations: Iterations?
        public var responseTime: Percentiles
        public var serviceTime: Percentiles
    }

    public struct Iterations: Codable, Sendable {
        public var started: UInt64
        public var completed: UInt64
        public var dropped: UInt64
    }

    /// Latency percentiles in microseconds.
    public struct Percentiles: Codable, Sendable {
        public var count: UInt64
        public var min: UInt64
        public var mean: Double
        public var p50: UInt64
        public var p90: UInt64
        public var p95: UInt64
        public var p99: UInt64
        public var p999: UInt64
        public var max: UInt64

        init(_ histogram: LatencyHistogram) {
            let empty = histogram.totalCount == 0
            count = histogram.totalCount
            min = empty ? 0 : histogram.min
            mean = empty ? 0 : histogram.mean
            p50 = histogram.valueAtPercentile(50)
            p90 = histogram.valueAtPercentile(90)
            p95 = histogram.valueAtPercentile(95)
            p99 = histogram.valueAtPercentile(99)
            p999 = histogram.valueAtPercentile(99.9)
            max = empty ? 0 : histogram.max
        }
    }

    public init(_ result: RunResult) {
        interrupted = result.wasInterrupted
        overall = Statistics(result.totals.overall, iterations: result.totals)
        var requests: [String: Statistics] = [:]
        for (index, name) in result.totals.requestNames.enumerated() {
            requests[name] = Statistics(result.totals.requests[index], iterations: nil)
        }
        self.requests = requests
        phases = result.phases.map {
            Phase(
                name: $0.name,
                start: $0.totals.start.inSeconds,
                end: $0.totals.end.inSeconds,
                statistics: Statistics($0.totals.overall, iterations: $0.totals)
            )
        }
        series = result.series
    }

    /// The document as pretty-printed JSON with sorted keys, so that two results diff cleanly.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

extension ResultDocument.Statistics {
    init(_ statistics: RequestStatistics, iterations recording: IntervalRecording?) {
        requests = statistics.requests
        responses = statistics.responses
        errors = statistics.errors
        statuses = Dictionary(uniqueKeysWithValues: statistics.statuses.map { (String($0.status), $0.count) })
        var kinds: [String: UInt64] = [:]
        for kind in ErrorKind.allCases where statistics.count(of: kind) > 0 {
            kinds[kind.rawValue] = statistics.count(of: kind)
        }
        errorKinds = kinds
        bytesSent = statistics.bytesSent
        bytesReceived = statistics.bytesReceived
        iterations = recording.map {
            ResultDocument.Iterations(
                started: $0.iterationsStarted,
                completed: $0.iterationsCompleted,
                dropped: $0.iterationsDropped
            )
        }
        responseTime = ResultDocument.Percentiles(statistics.responseTime)
        serviceTime = ResultDocument.Percentiles(statistics.serviceTime)
    }
}
