import Basics
import Scenarios

/// Arrival rate following stages, each moving linearly to its target over its length (k6 `ramping-arrival-rate`).
///
/// ```
/// rate ▲     ┌──╮
///      │    ╱    ╲          stages: (10s → 500/s), (20s → 500/s), (10s → 0/s)
///      │   ╱      ╲
///      │──╱        ╲
///      └───────────────▶ time
/// ```
/// The rate after the last stage stays at the last target; when that is zero, later iterations never start
/// (their start is ``never``).
public struct StagedArrivalSchedule: ArrivalSchedule, Equatable {
    /// One stage: over `length`, the rate moves linearly from where the previous stage ended to `target`.
    public struct Stage: Sendable, Equatable {
        public var length: Duration
        public var target: Rate

        public init(length: Duration, target: Rate) {
            self.length = length
            self.target = target
        }
    }

    /// The start reported for an iteration that never starts because the rate has fallen to zero for good.
    public static let never = Duration.seconds(Int64.max / 2)

    let segments: [LinearRamp]
    /// Iterations due before each segment begins (fractional), one entry per segment plus the grand total.
    let countsBefore: [Double]
    /// Seconds from the phase start to each segment's start, one entry per segment plus the end of the last.
    let startsAt: [Double]

    public init(startRate: Rate, stages: [Stage]) {
        var segments: [LinearRamp] = []
        var rate = startRate.perSecond
        for stage in stages {
            segments.append(LinearRamp(from: rate, to: stage.target.perSecond, length: stage.length.inSeconds))
            rate = stage.target.perSecond
        }
        var counts = [0.0]
        var starts = [0.0]
        for segment in segments {
            counts.append(counts.last! + segment.total)
            starts.append(starts.last! + segment.length)
        }
        self.segments = segments
        self.countsBefore = counts
        self.startsAt = starts
    }

    /// The rate after the last stage, in events per second.
    var finalRate: Double { segments.last?.to ?? 0 }

    public func intendedStart(ofIteration n: Int) -> Duration {
        let count = Double(n)
        // The first segment whose cumulative count passes n holds iteration n (binary search: segments can be many).
        // "Passes", not "reaches": when the rate falls to zero exactly at n, iteration n waits for the rate to rise.
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if countsBefore[middle + 1] > count { high = middle } else { low = middle + 1 }
        }
        if low < segments.count {
            let offset = segments[low].time(ofCount: count - countsBefore[low])
            return .seconds(exactly: startsAt[low] + offset)
        }
        guard finalRate > 0 else { return Self.never }
        return .seconds(exactly: startsAt.last! + (count - countsBefore.last!) / finalRate)
    }

    public func iterations(in duration: Duration) -> Int {
        let t = duration.inSeconds
        var due = 0.0
        for (index, segment) in segments.enumerated() where t > startsAt[index] {
            due = countsBefore[index] + segment.count(at: t - startsAt[index])
        }
        if t > startsAt.last! { due = countsBefore.last! + (t - startsAt.last!) * finalRate }
        return exactCount(estimate: due, before: duration)
    }
}
