import Basics
import FaultInjector
import Foundation
import LoadGenerator
import Profiler
import Scenarios

/// A scenario whose SLOs have been parsed too: what `ordeal validate` checks and what `ordeal run` runs.
///
/// Scenarios cannot parse SLOs (Profiler owns the grammar) nor decode toxics (FaultInjector owns them), so this is
/// where an SLO's parse error or a toxic's bad attribute gets the file, line and column of the scenario it came from.
public struct CheckedScenario: Sendable {
    public let scenario: Scenario
    public let slos: [SLOExpression]

    /// Loads and validates a scenario file; every problem, in the YAML and in the SLOs, is reported at once.
    public static func load(path: String) throws(ScenarioError) -> CheckedScenario {
        // Scenarios keeps toxics as written; the fault injector's registry decodes them and says what is wrong where.
        let scenario = try ScenarioLoader.load(
            path: path,
            checks: ScenarioChecks(faults: { ScheduledFault.problems(of: $0, target: $1) })
        )
        var expressions: [SLOExpression] = []
        var problems: [Diagnostic] = []
        let requests = scenario.flow.compactMap { step -> String? in
            if case .request(let request) = step { request.name } else { nil }
        }
        let phases = scenario.load.map(\.name)
        for spec in scenario.slo {
            do {
                let expression = try SLOParser.parse(spec.text)
                expressions.append(expression)
                // An SLO over a name the run never produces could only ever say "no data".
                if let request = expression.request, !requests.contains(request) {
                    problems.append(Self.unknown("request", request, among: requests, in: spec))
                }
                if case .phase(let phase) = expression.scope, !phases.contains(phase) {
                    problems.append(Self.unknown("phase", phase, among: phases, in: spec))
                }
            } catch {
                problems.append(
                    Diagnostic(spec.location.advanced(by: error.column - 1), "\(error.message) in SLO \"\(spec.text)\"")
                )
            }
        }
        if let problem = tlsProblem(of: scenario) { problems.append(problem) }
        guard problems.isEmpty else { throw .invalid(problems) }
        return CheckedScenario(scenario: scenario, slos: expressions)
    }

    /// Builds the TLS context an https target needs, so that a bad PEM or a key that does not match its certificate
    /// is reported where the `tls:` block names it, before anything starts.
    private static func tlsProblem(of scenario: Scenario) -> Diagnostic? {
        let base = scenario.target.baseURL
        let settings = scenario.effectiveTLS
        // A file the target writes when it starts is checked then (see TLSSettingsReader).
        guard base.isSecure || scenario.tls != nil,
            settings.files.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) })
        else { return nil }
        do {
            _ = try TLSClient(settings: scenario.effectiveTLS, host: base.host, httpVersion: scenario.defaults.http)
            return nil
        } catch {
            let location =
                error.location ?? scenario.effectiveTLS.location
                ?? SourceLocation(file: scenario.file, line: 1, column: 1)
            return Diagnostic(location, error.message)
        }
    }

    private static func unknown(_ kind: String, _ name: String, among known: [String], in spec: SLOSpec)
        -> Diagnostic
    {
        let hint = Suggestion.closest(to: name, among: known).map { "; did you mean \"\($0)\"?" } ?? ""
        let column = spec.text.range(of: name).map { spec.text.distance(from: spec.text.startIndex, to: $0.lowerBound) }
        return Diagnostic(
            spec.location.advanced(by: column ?? 0),
            "SLO \"\(spec.text)\" names the \(kind) \"\(name)\", which the scenario does not have\(hint)"
        )
    }
}
