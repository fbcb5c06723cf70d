import Basics
import FaultInjector
import Foundation
import Scenarios
import Testing

/// A toxic is checked once, through its declaration: a scenario's mistakes are reported at file:line:column, and the
/// API refuses the same things.
@Suite struct ToxicDecodingTests {
    struct Case: Sendable, CustomStringConvertible {
        let fault: String
        let column: Int
        let message: String
        var description: String { message }
    }

    /// Each fault is line 6 of its scenario.
    static let cases: [Case] = [
        Case(
            fault: "{ at: 1s, for: 1s, proxy: api, slicer: { average_size: 4, size_variation: 4 } }",
            column: 44,
            message: "size_variation must be smaller than average_size"
        ),
        Case(
            fault: "{ at: 1s, for: 1s, proxy: api, latency: { latency: 1ms, delay: 2ms } }",
            column: 45,
            message: "give \"latency\" or its alias \"delay\", not both"
        ),
        Case(
            fault: "{ at: 1s, for: 1s, proxy: api, timeout: {} }",
            column: 45,
            message: "missing \"timeout\" in timeout: expected a duration such as 200ms"
        ),
        Case(
            fault: "{ at: 1s, for: 1s, proxy: api, corrupt: { probability: 2 } }",
            column: 60,
            message: "probability in 0...1"
        ),
        Case(
            fault: "{ at: 1s, for: 1s, proxy: api, latency: { latency: 1ms, jiter: 2ms } }",
            column: 61,
            message: "unknown attribute \"jiter\" of a latency toxic; did you mean \"jitter\"?"
        ),
        Case(
            fault: "{ at: 1s, for: 1s, proxy: api, latency: { latency: soon } }",
            column: 56,
            message: "latency: "
        ),
        Case(
            fault: "{ at: 1s, for: 1s, proxy: api, lantency: { latency: 1ms } }",
            column: 36,
            message: "unknown fault \"lantency\"; did you mean \"latency\"?"
        ),
        Case(
            fault: "{ at: 1s, for: 1s, proxy: api, bandwidth: { rate: -1 } }",
            column: 55,
            message: "expected rate, an integer in 0...2147483647"
        ),
    ]

    @Test(arguments: cases)
    func reportsAScenarioToxicsProblemWhereItIs(testCase: Case) throws {
        let specs = try FaultSpecMappingTests.faults("  - \(testCase.fault)\n")
        let problems = ScheduledFault.problems(of: specs)
        let match = problems.first { $0.message.contains(testCase.message) }
        #expect(match != nil, "no problem says \"\(testCase.message)\": \(problems)")
        #expect(match?.location == SourceLocation(file: "chaos.yaml", line: 6, column: testCase.column), "\(problems)")
    }
}
