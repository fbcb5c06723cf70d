import Histogram

/// The HDR histogram every latency in Ordeal is recorded into: values in microseconds, 1 µs to 60 s, 3 significant digits.
///
/// Kept in its own file because `Histogram` is both a module and a type, and Prometheus exports a `Histogram` too.
public typealias LatencyHistogram = Histogram<UInt64>

extension Histogram where Count == UInt64 {
    /// The highest latency a histogram tracks, in microseconds (60 s); larger values are clamped to it, never dropped.
    public static var highestTrackableMicroseconds: UInt64 { 60_000_000 }

    /// An empty latency histogram with Ordeal's range and precision, so that any two of them can be added.
    ///
    /// A copy of one shared empty histogram: hdrhistogram-swift's initialiser fills its ~18 000 counts through
    /// unspecialised generic code, several times slower than the plain buffer copy that copy-on-write makes.
    public static func latency() -> LatencyHistogram { emptyLatencyHistogram }

    /// Records one latency, clamping it into the tracked range so that a pathological value is counted, not lost.
    public mutating func recordLatency(microseconds: UInt64) {
        record(Swift.min(Swift.max(microseconds, 1), Self.highestTrackableMicroseconds))
    }
}

private let emptyLatencyHistogram = LatencyHistogram(
    lowestDiscernibleValue: 1,
    highestTrackableValue: LatencyHistogram.highestTrackableMicroseconds,
    numberOfSignificantValueDigits: .three
)
