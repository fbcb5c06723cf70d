import Profiler
import Scenarios

/// A scenario whose SLOs have been parsed too: what `ordeal validate` checks and what `ordeal run` runs.
///
/// Scenarios cannot parse SLOs (Profiler owns the grammar, and the two modules import none of ours), so this is where
/// an SLO's parse error gets the file, line and column of the scenario it came from.
public struct CheckedScenario: Sendable {
    public let scenario: Scenario
    public let slos: [SLOExpression]

    /// Loads and validates a scenario file; every problem, in the YAML and in the SLOs, is reported at once.
    public static func load(path: String) throws(ScenarioError) -> CheckedScenario {
        let scenario = try ScenarioLoader.load(path: path)
        var expressions: [SLOExpression] = []
        var problems: [Diagnostic] = []
        for spec in scenario.slo {
            do {
                expressions.append(try SLOParser.parse(spec.text))
            } catch {
                problems.append(
                    Diagnostic(spec.location.advanced(by: error.column - 1), "\(error.message) in SLO \"\(spec.text)\"")
                )
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return CheckedScenario(scenario: scenario, slos: expressions)
    }
}
