import Histogram
import Profiler
import Testing

@Suite struct LatencyHistogramTests {
    @Test func percentilesOfAUniformDistributionAreWithinPrecision() {
        var histogram = LatencyHistogram.latency()
        for microseconds in 1...10_000 { histogram.recordLatency(microseconds: UInt64(microseconds)) }
        #expect(histogram.totalCount == 10_000)
        // Three significant digits: each value is within 0.1% of the exact percentile.
        for (percentile, exact) in [(50.0, 5_000.0), (90.0, 9_000.0), (99.0, 9_900.0), (99.9, 9_990.0)] {
            let value = Double(histogram.valueAtPercentile(percentile))
            #expect(abs(value - exact) / exact < 0.001, "p\(percentile) = \(value), expected \(exact)")
        }
    }

    @Test func outOfRangeValuesAreClampedNotLost() {
        var histogram = LatencyHistogram.latency()
        histogram.recordLatency(microseconds: 0)
        histogram.recordLatency(microseconds: 3_600_000_000)
        #expect(histogram.totalCount == 2)
        #expect(histogram.min == 1)
        #expect(histogram.valuesAreEquivalent(histogram.max, LatencyHistogram.highestTrackableMicroseconds))
    }

    @Test func histogramsFromTwoLoopsAddLosslessly() {
        var first = LatencyHistogram.latency()
        var second = LatencyHistogram.latency()
        for value in 1...1_000 { first.recordLatency(microseconds: UInt64(value)) }
        for value in 1_001...3_000 { second.recordLatency(microseconds: UInt64(value)) }
        first.add(second)
        #expect(first.totalCount == 3_000)
        #expect(first.valuesAreEquivalent(first.max, 3_000))
    }
}
