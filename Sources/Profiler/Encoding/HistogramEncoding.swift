import CompressNIO
import Foundation
import Histogram
import NIOCore

/// The standard compressed HdrHistogram V2 encoding (base64 `HISTFAAA…`), so other HdrHistogram tools read our histograms.
///
/// Layout (Java `AbstractHistogram.encodeIntoCompressedByteBuffer`): int32 cookie `0x1c849314`, int32 length of the
/// zlib stream, then the zlib stream of the uncompressed V2 encoding, which is a 40-byte header (cookie `0x1c849313`,
/// payload length, normalizing index offset, significant digits, lowest discernible value, highest trackable value,
/// integer-to-double ratio) followed by the counts as ZigZag varints, where `-n` stands for `n` zero counts.
public enum HistogramEncoding {
    static let compressedCookie: UInt32 = 0x1c84_9314
    static let uncompressedCookie: UInt32 = 0x1c84_9313
    static let headerSize = 40

    /// The base64 text of a latency histogram in the compressed V2 encoding.
    public static func encode(_ histogram: LatencyHistogram) -> String {
        let uncompressed = uncompressedBytes(histogram)
        var input = ByteBuffer(bytes: uncompressed)
        let deflated: ByteBuffer
        do {
            deflated = try input.compress(with: .zlib(configuration: .init(compressionLevel: 9)))
        } catch {
            // Deflating a buffer whose output is sized by zlib's own bound only fails when memory runs out.
            preconditionFailure("zlib could not compress a histogram: \(error)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + deflated.readableBytes)
        appendBigEndian(compressedCookie, to: &bytes)
        appendBigEndian(UInt32(deflated.readableBytes), to: &bytes)
        bytes.append(contentsOf: deflated.readableBytesView)
        return Data(bytes).base64EncodedString()
    }

    /// The uncompressed V2 encoding: header and counts up to the highest non-zero one.
    static func uncompressedBytes(_ histogram: LatencyHistogram) -> [UInt8] {
        let digits = Int(histogram.numberOfSignificantValueDigits.rawValue)
        let layout = HistogramLayout(
            lowestDiscernibleValue: histogram.lowestDiscernibleValue,
            significantDigits: digits
        )
        var payload: [UInt8] = []
        var nextIndex = 0
        for recorded in histogram.recordedValues() where recorded.count > 0 {
            let index = layout.index(of: recorded.value)
            if index > nextIndex { ZigZagVarint.append(-Int64(index - nextIndex), to: &payload) }
            ZigZagVarint.append(Int64(clamping: recorded.count), to: &payload)
            nextIndex = index + 1
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize + payload.count)
        appendBigEndian(uncompressedCookie, to: &bytes)
        appendBigEndian(UInt32(payload.count), to: &bytes)
        appendBigEndian(UInt32(0), to: &bytes)
        appendBigEndian(UInt32(digits), to: &bytes)
        appendBigEndian(histogram.lowestDiscernibleValue, to: &bytes)
        appendBigEndian(histogram.highestTrackableValue, to: &bytes)
        appendBigEndian(Double(1).bitPattern, to: &bytes)
        bytes.append(contentsOf: payload)
        return bytes
    }

    static func appendBigEndian(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
