import Foundation

/// The two-sided Mann-Whitney U test: do two samples come from distributions with the same location?
///
/// As benchstat's `benchmath` does, small samples without ties get the exact distribution of U, larger or tied
/// ones the normal approximation with tie and continuity corrections. Non-parametric, so latency samples (skewed,
/// heavy-tailed) need no normality assumption.
public struct MannWhitneyU: Sendable, Equatable {
    /// The U statistic of the first sample.
    public let u: Double
    /// The two-sided p-value: how likely a difference at least this large is when nothing changed.
    public let pValue: Double
    /// Whether the exact distribution was used (rather than the normal approximation).
    public let exact: Bool

    /// The largest sample size (per side) for which the exact distribution is computed.
    public static let exactLimit = 50

    /// Tests `first` against `second`; both must be non-empty.
    public init(_ first: [Double], _ second: [Double]) {
        precondition(!first.isEmpty && !second.isEmpty, "the Mann-Whitney U test needs two non-empty samples")
        let (ranks, tieGroups) = Self.ranks(first + second)
        let n1 = Double(first.count)
        let n2 = Double(second.count)
        let rankSum = ranks[0..<first.count].reduce(0, +)
        let u1 = rankSum - n1 * (n1 + 1) / 2
        u = u1
        if tieGroups.isEmpty, first.count <= Self.exactLimit, second.count <= Self.exactLimit {
            exact = true
            pValue = Self.exactPValue(u: u1, n1: first.count, n2: second.count)
        } else {
            exact = false
            let n = n1 + n2
            let tieTerm = tieGroups.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) } / (n * (n - 1))
            let variance = n1 * n2 / 12 * ((n + 1) - tieTerm)
            guard variance > 0 else {
                pValue = 1  // every value is the same: no evidence of any difference
                return
            }
            let z = max(abs(u1 - n1 * n2 / 2) - 0.5, 0) / variance.squareRoot()
            pValue = min(1, erfc(z / 2.0.squareRoot()))
        }
    }

    /// Mid-ranks (1-based) of the values, and the sizes of the groups of tied values.
    static func ranks(_ values: [Double]) -> ([Double], [Int]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var ties: [Int] = []
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = midRank }
            if end > start { ties.append(end - start + 1) }
            start = end + 1
        }
        return (ranks, ties)
    }

    /// Two-sided exact p-value: twice the smaller tail of U's null distribution, at most 1.
    static func exactPValue(u: Double, n1: Int, n2: Int) -> Double {
        let counts = uDistribution(n1: n1, n2: n2)
        let total = counts.reduce(0, +)
        let observed = Int(u.rounded())
        let lower = counts[0...observed].reduce(0, +) / total
        let upper = counts[observed...].reduce(0, +) / total
        return min(1, 2 * min(lower, upper))
    }

    /// How many arrangements of n1 + n2 distinct values give each U = 0...n1·n2 (counts as Double: they reach 1e29).
    ///
    /// Built up one element of the second sample at a time: `c(i, j, u) = c(i - 1, j, u - j) + c(i, j - 1, u)`.
    static func uDistribution(n1: Int, n2: Int) -> [Double] {
        // row[i] holds the distribution for (i, j) at the current j.
        var row: [[Double]] = (0...n1).map { _ in [1] }
        for j in 1...max(n2, 1) where n2 > 0 {
            var next: [[Double]] = [[1]]
            for i in 1...max(n1, 1) where n1 > 0 {
                var counts = [Double](repeating: 0, count: i * j + 1)
                for (u, count) in row[i].enumerated() { counts[u] += count }  // last element from sample 2
                for (u, count) in next[i - 1].enumerated() { counts[u + j] += count }  // from sample 1
                next.append(counts)
            }
            row = next
        }
        return row[n1]
    }
}
