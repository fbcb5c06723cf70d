import CompressNIO
import Foundation
import Histogram
import NIOCore

/// Why a `HISTFAAA…` / `HISTEwAA…` text could not be read as a histogram.
public struct HistogramDecodingError: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public var description: String { "cannot decode histogram: \(reason)" }
}

extension HistogramEncoding {
    /// Reads a base64 compressed (or uncompressed) V2 histogram into a latency histogram.
    ///
    /// Histograms with Ordeal's layout decode exactly; others are re-recorded value by value (values above 60 s are
    /// clamped to it, as when recording).
    public static func decode(_ text: String) throws(HistogramDecodingError) -> LatencyHistogram {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed) else { throw failure("the text is not base64") }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw failure("only \(bytes.count) bytes, too short for a header") }
        let cookie = readUInt32(bytes, at: 0)
        switch cookie & ~0xF0 {
        case compressedCookie & ~0xF0:
            let length = Int(readUInt32(bytes, at: 4))
            guard bytes.count >= 8 + length else { throw failure("the compressed length \(length) exceeds the data") }
            return try decodeUncompressed(inflate(Array(bytes[8..<(8 + length)])))
        case uncompressedCookie & ~0xF0:
            return try decodeUncompressed(bytes)
        default:
            let hex = String(cookie, radix: 16)
            throw failure("unknown cookie 0x\(hex); only the V2 encodings (HISTFAAA, HISTEwAA) are supported")
        }
    }

    static func decodeUncompressed(_ bytes: [UInt8]) throws(HistogramDecodingError) -> LatencyHistogram {
        guard bytes.count >= headerSize, readUInt32(bytes, at: 0) & ~0xF0 == uncompressedCookie & ~0xF0 else {
            throw failure("the inflated data is not a V2 histogram")
        }
        let payloadLength = Int(readUInt32(bytes, at: 4))
        let digits = Int(readUInt32(bytes, at: 12))
        let lowest = readUInt64(bytes, at: 16)
        guard (0...5).contains(digits), lowest >= 1, lowest < 1 << 40 else {
            throw failure("header has \(digits) significant digits and lowest value \(lowest)")
        }
        guard bytes.count >= headerSize + payloadLength else { throw failure("the counts payload is truncated") }
        let layout = HistogramLayout(lowestDiscernibleValue: lowest, significantDigits: digits)
        var counts: [(index: Int, count: UInt64)] = []
        var offset = headerSize
        var index = 0
        let end = headerSize + payloadLength
        while offset < end {
            guard let count = ZigZagVarint.read(bytes, at: &offset), offset <= end else {
                throw failure("a count is cut off at byte \(offset)")
            }
            if count < 0 {
                index += Int(clamping: -count)
            } else {
                guard index < 1 << 24 else { throw failure("counts index \(index) is out of range") }
                if count > 0 { counts.append((index, UInt64(count))) }
                index += 1
            }
        }
        return histogram(layout: layout, counts: counts)
    }

    /// Re-records decoded counts. The encoding keeps no exact minimum or maximum, so as the Java reference reports
    /// them, the lowest bucket is recorded at its lowest value and the highest at its highest.
    static func histogram(layout: HistogramLayout, counts: [(index: Int, count: UInt64)]) -> LatencyHistogram {
        var histogram = LatencyHistogram.latency()
        for (position, entry) in counts.enumerated() {
            let isLast = position == counts.count - 1
            let raw = isLast ? layout.value(at: entry.index + 1) - 1 : layout.value(at: entry.index)
            histogram.record(min(max(raw, 1), LatencyHistogram.highestTrackableMicroseconds), count: entry.count)
        }
        return histogram
    }

    static func inflate(_ compressed: [UInt8]) throws(HistogramDecodingError) -> [UInt8] {
        var buffer = ByteBuffer(bytes: compressed)
        do {
            let inflated = try buffer.decompress(with: .zlib(), maxSize: 64 << 20)
            return Array(inflated.readableBytesView)
        } catch {
            throw failure("the zlib stream is corrupt (\(error))")
        }
    }

    static func failure(_ reason: String) -> HistogramDecodingError { HistogramDecodingError(reason: reason) }

    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { ($0 << 8) | UInt32(bytes[offset + $1]) }
    }

    static func readUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { ($0 << 8) | UInt64(bytes[offset + $1]) }
    }
}
