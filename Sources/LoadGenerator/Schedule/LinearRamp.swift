/// One straight segment of an arrival-rate graph: the rate moves linearly from `from` to `to` (events per second)
/// over `length`. Iterations due by time t are the integral of the rate, as in k6's `cal`:
///
/// ```
/// rate ▲          ╱│
///   to │        ╱  │     N(t) = from·t + (to − from)·t² / (2·length)
///      │      ╱    │     iteration n starts where N(t) = n
/// from │────╱      │
///      └───────────┴──▶ time
///      0        length
/// ```
struct LinearRamp: Sendable, Equatable {
    let from: Double
    let to: Double
    let length: Double

    /// Iterations due (fractional) after `t` seconds of this segment; `t` is clamped to the segment.
    func count(at t: Double) -> Double {
        let t = min(max(t, 0), length)
        guard length > 0 else { return 0 }
        return from * t + (to - from) * t * t / (2 * length)
    }

    /// Iterations due over the whole segment.
    var total: Double { (from + to) * length / 2 }

    /// The time (seconds into the segment) at which `n` iterations are due; `n` must be within `0...total`.
    ///
    /// Solves `a·t² + from·t − n = 0` with `a = (to − from) / (2·length)` in the form `2n / (from + √(from² + 4an))`,
    /// which stays exact when the slope is zero or tiny and has no cancellation for ramps up or down.
    func time(ofCount n: Double) -> Double {
        guard n > 0 else { return 0 }
        let slope = length > 0 ? (to - from) / (2 * length) : 0
        let root = (from * from + 4 * slope * n).squareRoot()
        let denominator = from + root
        guard denominator > 0 else { return length }
        return min(2 * n / denominator, length)
    }
}
