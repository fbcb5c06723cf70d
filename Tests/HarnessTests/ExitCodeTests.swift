import Harness
import Testing

@Suite struct ExitCodeTests {
    @Test func codesAreTheDocumentedOnes() {
        #expect(OrdealExitCode.passed.rawValue == 0)
        #expect(OrdealExitCode.sloFailed.rawValue == 1)
        #expect(OrdealExitCode.regression.rawValue == 2)
        #expect(OrdealExitCode.allCases.filter { $0.rawValue > 2 }.allSatisfy { $0.rawValue >= 64 })
    }

    @Test(arguments: [
        (false, false, OrdealExitCode.passed), (true, false, .sloFailed), (false, true, .regression),
        (true, true, .sloFailed),
    ])
    func verdictRanksSLOFailureFirst(sloFailed: Bool, regression: Bool, expected: OrdealExitCode) {
        #expect(OrdealExitCode.verdict(sloFailed: sloFailed, regressionFound: regression) == expected)
    }
}
