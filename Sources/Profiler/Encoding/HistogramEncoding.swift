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
        compress(HistogramScan(histogram, percentiles: []).uncompressed)
    }

    /// The base64 encoding and the values at `percentiles`, from one pass over the histogram's counts.
    ///
    /// hdrhistogram-swift's `valueAtPercentile` is not inlinable, so it runs unspecialised generic code per bucket;
    /// on the per-second path (several histograms per second of a run) one specialised pass for both is far cheaper.
    /// Percentiles follow `valueAtPercentile` exactly: the highest equivalent value of the bucket holding the
    /// rank, clamped to the recorded minimum and maximum.
    public static func encode(_ histogram: LatencyHistogram, percentiles: [Double]) -> (text: String, values: [UInt64])
    {
        let scan = HistogramScan(histogram, percentiles: percentiles)
        return (compress(scan.uncompressed), scan.values)
    }

    static func compress(_ uncompressed: [UInt8]) -> String {
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

    static func appendBigEndian(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
