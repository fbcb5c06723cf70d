import Basics
import Foundation
import Histogram
import Profiler
import Testing

@Suite struct HistogramEncodingTests {
    /// Encoded by PyPI `hdrhistogram` 0.10.x: `HdrHistogram(1, 60000000, 3)` with 1 µs ×7, 100 ×5, 1234 ×3,
    /// 56789 ×2 and 1000000 ×1, then `encode()`. Python reported total 18, max 1000447, p50 100, p99 1000447, min 1.
    static let pythonEncoded = "HISTFAAAACx4nJNpmSzMwMDAxwABzFCaEcyZ3M5g/wEqwHeYkeumINvWCJbHTkwAlocHqg=="

    @Test func decodesAHistogramEncodedByThePythonLibrary() throws {
        let histogram = try HistogramEncoding.decode(Self.pythonEncoded)
        #expect(histogram.totalCount == 18)
        #expect(histogram.max == 1_000_447)
        #expect(histogram.min == 1)
        #expect(histogram.valueAtPercentile(50) == 100)
        #expect(histogram.valueAtPercentile(99) == 1_000_447)
        #expect(histogram.countForValue(1234) == 3)
        #expect(histogram.countForValue(56789) == 2)
    }

    @Test func encodingStartsWithTheStandardCompressedPrefix() {
        var histogram = LatencyHistogram.latency()
        histogram.recordLatency(microseconds: 1_500)
        #expect(HistogramEncoding.encode(histogram).hasPrefix("HISTFAAA"))
    }

    @Test(arguments: [0, 1, 1_000, 250_000])
    func roundTripIsExact(samples: Int) throws {
        var generator = SplitMix64(seed: UInt64(samples) + 7)
        var histogram = LatencyHistogram.latency()
        for _ in 0..<samples {
            // Log-uniform from 1 µs to 60 s, so every bucket of the layout is exercised.
            let exponent = Double.random(in: 0...log2(60_000_000.0), using: &generator)
            histogram.recordLatency(microseconds: UInt64(pow(2, exponent)))
        }
        histogram.record(LatencyHistogram.highestTrackableMicroseconds, count: 3)
        let decoded = try HistogramEncoding.decode(HistogramEncoding.encode(histogram))
        #expect(decoded == histogram)
        #expect(decoded.totalCount == histogram.totalCount)
        #expect(decoded.max == histogram.max)
        #expect(decoded.minNonZero == histogram.minNonZero)
        if samples >= 1_000 {
            #expect(decoded.valueAtPercentile(50) == histogram.valueAtPercentile(50))
            #expect(decoded.valueAtPercentile(99) == histogram.valueAtPercentile(99))
        }
    }

    @Test(arguments: [1, 7, 1_000, 50_000])
    func onePassPercentilesMatchTheLibrary(samples: Int) throws {
        var generator = SplitMix64(seed: UInt64(samples))
        var histogram = LatencyHistogram.latency()
        for _ in 0..<samples {
            histogram.recordLatency(microseconds: UInt64(pow(10, Double.random(in: 1...7, using: &generator))))
        }
        let percentiles = [0.1, 50, 90, 99, 99.9, 99.99, 100]
        let (text, values) = HistogramEncoding.encode(histogram, percentiles: percentiles)
        #expect(values == percentiles.map { histogram.valueAtPercentile($0) })
        #expect(text == HistogramEncoding.encode(histogram))
    }

    @Test func largeCountsSurviveTheVarintEncoding() throws {
        var histogram = LatencyHistogram.latency()
        // 2^50 needs 8 varint bytes; larger totals overflow hdrhistogram-swift's own iteration arithmetic.
        histogram.record(42, count: UInt64(1) << 50)
        histogram.record(43, count: 1)
        let decoded = try HistogramEncoding.decode(HistogramEncoding.encode(histogram))
        #expect(decoded.countForValue(42) == UInt64(1) << 50)
        #expect(decoded.countForValue(43) == 1)
    }

    @Test(arguments: [
        ("not base64 at all!", "not base64"),
        ("AAAA", "too short"),
        ("HISTFAAAACx4nJNpmSzMwMDAxwAB", "exceeds the data"),
        ("HISTFAAAAAh4nAAAAAAAAAAAAA==", "corrupt"),
        ("SGVsbG8sIHdvcmxkIQ==", "unknown cookie"),
    ])
    func badInputSaysWhatIsWrong(text: String, expected: String) {
        #expect {
            _ = try HistogramEncoding.decode(text)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }
}
