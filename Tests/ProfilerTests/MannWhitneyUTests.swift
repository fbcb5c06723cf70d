import Profiler
import Testing

/// Reference p-values from SciPy 1.x `scipy.stats.mannwhitneyu` (two-sided).
@Suite struct MannWhitneyUTests {
    @Test func completelySeparatedSmallSamplesUseTheExactDistribution() {
        let test = MannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
        #expect(test.exact)
        #expect(test.u == 0)
        #expect(abs(test.pValue - 0.007936507936507936) < 1e-12)
    }

    @Test func interleavedSamplesAreNotSignificant() {
        let test = MannWhitneyU([1, 3, 5, 7, 9], [2, 4, 6, 8, 10])
        #expect(test.exact)
        #expect(test.u == 10)
        #expect(abs(test.pValue - 0.6904761904761905) < 1e-12)
    }

    @Test func tiesUseTheNormalApproximationWithTieCorrection() {
        let test = MannWhitneyU([1, 2, 2, 3, 4, 5, 5, 6], [3, 4, 4, 5, 6, 7, 8, 8])
        #expect(!test.exact)
        #expect(test.u == 14)
        #expect(abs(test.pValue - 0.06369597689779083) < 1e-9)
    }

    @Test func largeShiftedSamplesWithTies() {
        let base = (0..<60).map { Double(10 + ($0 * 7) % 13) }
        let new = (0..<60).map { Double(11 + ($0 * 5) % 13) }
        let test = MannWhitneyU(base, new)
        #expect(!test.exact)
        #expect(test.u == 1494)
        #expect(abs(test.pValue - 0.10785741487573682) < 1e-9)
    }

    @Test func identicalSamplesGiveOne() {
        let values = [5.0, 5, 5, 5, 5]
        #expect(MannWhitneyU(values, values).pValue == 1)
        let spread = [1.0, 2, 3, 4, 5, 6]
        #expect(MannWhitneyU(spread, spread).pValue == 1)
    }

    @Test func exactDistributionSumsToAllArrangements() {
        // C(8, 4) = 70 arrangements of 4 + 4 distinct values; the smallest two-sided p is 2/70.
        let test = MannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8])
        #expect(abs(test.pValue - 2.0 / 70.0) < 1e-12)
    }
}
