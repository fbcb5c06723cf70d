import Histogram

/// One pass over a latency histogram's recorded buckets: its uncompressed V2 encoding and chosen percentiles.
struct HistogramScan {
    /// The 40-byte V2 header and the counts, up to the highest non-zero one.
    private(set) var uncompressed: [UInt8] = []
    /// The values at the requested percentiles, in their order.
    private(set) var values: [UInt64]

    init(_ histogram: LatencyHistogram, percentiles: [Double]) {
        let digits = Int(histogram.numberOfSignificantValueDigits.rawValue)
        let layout = HistogramLayout(
            lowestDiscernibleValue: histogram.lowestDiscernibleValue,
            significantDigits: digits
        )
        let total = histogram.totalCount
        // The rank each percentile needs, as `valueAtPercentile` computes it.
        let ranks = percentiles.map { percentile -> UInt64 in
            let requested = min(max(percentile.nextDown, 0), 100)
            return max(1, UInt64((requested * Double(total) / 100).rounded(.up)))
        }
        values = Array(repeating: 0, count: percentiles.count)
        var payload: [UInt8] = []
        var nextIndex = 0
        var cumulative: UInt64 = 0
        var pending = 0
        for recorded in histogram.recordedValues() where recorded.count > 0 {
            let index = layout.index(of: recorded.value)
            if index > nextIndex { ZigZagVarint.append(-Int64(index - nextIndex), to: &payload) }
            ZigZagVarint.append(Int64(bitPattern: recorded.count), to: &payload)
            nextIndex = index + 1
            cumulative += recorded.count
            while pending < ranks.count, cumulative >= ranks[pending] {
                values[pending] = layout.value(at: index + 1) - 1
                pending += 1
            }
        }
        if total > 0 {
            let (low, high) = (histogram.min, histogram.maxRecorded)
            values = values.map { max(min($0, high), low) }
        }
        uncompressed = Self.header(histogram, digits: digits, payloadLength: payload.count) + payload
    }

    private static func header(_ histogram: LatencyHistogram, digits: Int, payloadLength: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(HistogramEncoding.headerSize + payloadLength)
        HistogramEncoding.appendBigEndian(HistogramEncoding.uncompressedCookie, to: &bytes)
        HistogramEncoding.appendBigEndian(UInt32(payloadLength), to: &bytes)
        HistogramEncoding.appendBigEndian(UInt32(0), to: &bytes)
        HistogramEncoding.appendBigEndian(UInt32(digits), to: &bytes)
        HistogramEncoding.appendBigEndian(histogram.lowestDiscernibleValue, to: &bytes)
        HistogramEncoding.appendBigEndian(histogram.highestTrackableValue, to: &bytes)
        HistogramEncoding.appendBigEndian(Double(1).bitPattern, to: &bytes)
        return bytes
    }
}
