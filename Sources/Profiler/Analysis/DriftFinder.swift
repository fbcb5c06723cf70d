/// Finds the ``Drift`` of a run from its per-second slices and resource samples.
public enum DriftFinder {
    /// Runs shorter than this get no drift: over a few minutes a slope is mostly warm-up and noise.
    public static let defaultMinimumSeconds: Double = 600

    /// The run's drift, or nil when it lasted less than `minimumSeconds` or has too few points to fit.
    public static func find(in report: Report, minimumSeconds: Double = defaultMinimumSeconds) -> Drift? {
        let length = report.timeline.last?.end ?? 0
        guard length >= minimumSeconds else { return nil }
        var processes: [String] = []
        var samples: [String: [(Double, Double)]] = [:]
        for sample in report.resources {
            if samples[sample.process] == nil { processes.append(sample.process) }
            samples[sample.process, default: []].append((sample.offset, Double(sample.rssBytes)))
        }
        let memory = processes.compactMap { process in
            trend(samples[process] ?? []).map { Drift.Memory(process: process, rssBytes: $0) }
        }
        let p99 = report.timeline.filter { $0.overall.requests > 0 }
            .map { (($0.start + $0.end) / 2, Double($0.overall.p99)) }
        return Drift(seconds: length, memory: memory, p99Microseconds: trend(p99))
    }

    /// The trend of (seconds, value) points: first- and last-tenth means and the least-squares slope per hour.
    static func trend(_ points: [(x: Double, y: Double)]) -> Drift.Trend? {
        guard points.count >= 10 else { return nil }
        let tenth = max(points.count / 10, 1)
        let mean = { (slice: ArraySlice<(x: Double, y: Double)>) in slice.reduce(0) { $0 + $1.y } / Double(slice.count)
        }
        let meanX = points.reduce(0) { $0 + $1.x } / Double(points.count)
        let meanY = mean(points[...])
        var covariance = 0.0
        var variance = 0.0
        for point in points {
            covariance += (point.x - meanX) * (point.y - meanY)
            variance += (point.x - meanX) * (point.x - meanX)
        }
        guard variance > 0 else { return nil }
        return Drift.Trend(
            first: mean(points.prefix(tenth)),
            last: mean(points.suffix(tenth)),
            perHour: covariance / variance * 3600,
            points: points.count
        )
    }
}
