/// The bucket arithmetic of an HdrHistogram: which counts-array index holds a value, and which value an index holds.
///
/// It mirrors the Java reference (`AbstractHistogram.countsArrayIndex` / `valueFromIndex`) so that the counts we
/// encode sit at the indices other HdrHistogram implementations expect.
struct HistogramLayout: Sendable, Equatable {
    let unitMagnitude: Int
    let subBucketHalfCountMagnitude: Int
    let subBucketHalfCount: Int
    let subBucketMask: UInt64
    let leadingZeroCountBase: Int

    init(lowestDiscernibleValue: UInt64, significantDigits: Int) {
        unitMagnitude = 63 - max(lowestDiscernibleValue, 1).leadingZeroBitCount
        var largestSingleUnit: UInt64 = 2
        for _ in 0..<significantDigits { largestSingleUnit *= 10 }
        let subBucketCountMagnitude = 64 - (largestSingleUnit - 1).leadingZeroBitCount
        subBucketHalfCountMagnitude = max(subBucketCountMagnitude, 1) - 1
        subBucketHalfCount = 1 << subBucketHalfCountMagnitude
        subBucketMask = UInt64((1 << subBucketCountMagnitude) - 1) << unitMagnitude
        leadingZeroCountBase = 64 - unitMagnitude - subBucketCountMagnitude
    }

    /// The counts-array index that a value is counted at.
    func index(of value: UInt64) -> Int {
        let bucketIndex = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
        let subBucketIndex = Int(truncatingIfNeeded: value >> UInt64(bucketIndex + unitMagnitude))
        return ((bucketIndex + 1) << subBucketHalfCountMagnitude) + (subBucketIndex - subBucketHalfCount)
    }

    /// The lowest value counted at a counts-array index.
    func value(at index: Int) -> UInt64 {
        var bucketIndex = (index >> subBucketHalfCountMagnitude) - 1
        var subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucketIndex < 0 {
            subBucketIndex -= subBucketHalfCount
            bucketIndex = 0
        }
        return UInt64(subBucketIndex) << UInt64(bucketIndex + unitMagnitude)
    }
}
