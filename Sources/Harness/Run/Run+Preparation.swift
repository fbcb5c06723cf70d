import FaultInjector
import Foundation
import LoadGenerator
import Profiler
import Scenarios

extension Run {
    /// The system under test: `--url` (nothing to start), `--target FILE`, or the scenario's own target.
    func resolveTarget(of scenario: Scenario) throws(RunFailure) -> Target {
        if let url = options.url {
            switch BaseURL.parse(url) {
            case .success(let base): return Target(name: url, baseURL: base)
            case .failure(let failure): throw RunFailure(.usage, "--url \(url): \(failure)")
            }
        }
        if let path = options.targetPath {
            do { return try TargetLoader.load(path: path) } catch { throw RunFailure(error) }
        }
        switch scenario.target {
        case .url(let base): return Target(name: base.description, baseURL: base)
        case .file(_, let target): return target
        }
    }

    /// The engine's plan for this machine's segment of the load.
    func makePlan(_ scenario: Scenario, target: Target) throws(RunFailure) -> LoadPlan {
        do {
            let plan = try LoadPlan(scenario: scenario, url: target.baseURL.description)
            return plan.segment(options.segment)
        } catch {
            throw RunFailure(.invalidInput, "\(error)")
        }
    }

    func scheduledFault(_ spec: FaultSpec) throws(RunFailure) -> ScheduledFault {
        do { return try ScheduledFault(spec) } catch {
            throw RunFailure(.invalidInput, "\(spec.location): error: \(error)")
        }
    }

    func readBaseline(_ path: String) throws(RunFailure) -> Report {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunFailure(.noInput, "cannot read baseline \(path)")
        }
        do { return try Report(jsonData: data, source: path) } catch {
            throw RunFailure(.invalidInput, "\(error)")
        }
    }

    /// `--out`, or `reports/<scenario>-<UTC timestamp>/`; created, and refused early when it cannot be.
    func outputFolder(for scenario: Scenario) throws(RunFailure) -> URL {
        let path: String
        if let chosen = options.outputDirectory {
            path = chosen
        } else {
            let stamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
            path = "reports/\(scenario.name)-\(stamp.replacingOccurrences(of: ":", with: ""))"
        }
        let url = URL(fileURLWithPath: path, isDirectory: true)
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw RunFailure(.ioError, "cannot create \(path): \(error.localizedDescription)")
        }
        return url
    }
}
