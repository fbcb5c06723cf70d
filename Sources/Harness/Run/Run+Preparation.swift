import Basics
import FaultInjector
import Foundation
import LoadGenerator
import Profiler
import Scenarios

/// What a run needs before it starts: a plan, its target, its faults and SLOs, and a name for its reports.
struct PreparedRun: Sendable {
    let name: String
    /// The scenario file, whose hash goes into the report; nil for a quick run.
    let file: String?
    let target: Target
    let plan: LoadPlan
    let faults: [ScheduledFault]
    let slos: [SLOExpression]
    /// How an https target's connections are secured (the plan gets its TLS context once the target is ready).
    var tls = TLSSettings()
    /// The phases whose arrival rate ramps; the knee is looked for in their seconds.
    var rampingPhases: [String] = []
}

extension Run {
    /// Loads and checks everything before anything is started, so a bad input never leaves a process behind.
    func prepare() throws(RunFailure) -> PreparedRun {
        guard let path = options.scenarioPath else { return try prepareQuick() }
        let checked: CheckedScenario
        do { checked = try CheckedScenario.load(path: path) } catch { throw RunFailure(error) }
        let scenario = checked.scenario
        let target = try resolveTarget(of: scenario)
        return PreparedRun(
            name: scenario.name,
            file: scenario.file,
            target: target,
            plan: try makePlan(scenario, target: target),
            faults: try scenario.faults.map(scheduledFault),
            slos: checked.slos,
            tls: options.targetPath == nil ? scenario.effectiveTLS : (scenario.tls ?? target.tls ?? TLSSettings()),
            rampingPhases: scenario.load.compactMap { phase in
                if case .rampingArrivalRate = phase.kind { phase.name } else { nil }
            }
        )
    }

    private func prepareQuick() throws(RunFailure) -> PreparedRun {
        guard let url = options.url, let quick = options.quick else {
            throw RunFailure(.usage, "give a scenario file, or --url with --vus N or --rate R/s")
        }
        let plan: LoadPlan
        do {
            plan = try LoadPlan.quick(
                url: url,
                users: quick.users,
                rate: quick.rate,
                duration: quick.duration,
                maxInFlight: quick.maxInFlight,
                timeout: quick.timeout,
                tls: quick.tls,
                httpVersion: quick.httpVersion,
                connections: quick.connections,
                request: quick.request
            )
        } catch {
            throw RunFailure(.usage, "\(error)")
        }
        let target = try resolveTarget(of: nil)
        return PreparedRun(
            name: "quick",
            file: nil,
            target: target,
            plan: plan.segment(options.segment),
            faults: [],
            slos: [],
            tls: quick.tls
        )
    }

    /// The system under test: `--url` (nothing to start), `--target FILE`, or the scenario's own target.
    func resolveTarget(of scenario: Scenario?) throws(RunFailure) -> Target {
        if let url = options.url {
            switch BaseURL.parse(url) {
            case .success(let base): return Target(name: url, baseURL: base)
            case .failure(let failure): throw RunFailure(.usage, "--url \(url): \(failure)")
            }
        }
        if let path = options.targetPath {
            do { return try TargetLoader.load(path: path) } catch { throw RunFailure(error) }
        }
        guard let scenario else { throw RunFailure(.usage, "give --url or a scenario with a target") }
        switch scenario.target {
        case .url(let base): return Target(name: base.description, baseURL: base)
        case .file(_, let target): return target
        }
    }

    /// The engine's plan for this machine's segment of the load.
    func makePlan(_ scenario: Scenario, target: Target) throws(RunFailure) -> LoadPlan {
        do {
            // The scenario's paths already carry its own target's path prefix; an override with --url brings its own.
            let base = target.baseURL
            let plan = try LoadPlan(scenario: scenario, url: options.url ?? "\(base.scheme)://\(base.hostHeader)")
            return plan.segment(options.segment)
        } catch {
            throw RunFailure(.invalidInput, "\(error)")
        }
    }

    func scheduledFault(_ spec: FaultSpec) throws(RunFailure) -> ScheduledFault {
        do { return try ScheduledFault(spec) } catch { throw RunFailure(error) }
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
    func outputFolder(named name: String) throws(RunFailure) -> URL {
        let path: String
        if let chosen = options.outputDirectory {
            path = chosen
        } else {
            let stamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
            path = "reports/\(name)-\(stamp.replacingOccurrences(of: ":", with: ""))"
        }
        let url = URL(fileURLWithPath: path, isDirectory: true)
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw RunFailure(.ioError, "cannot create \(path): \(error.localizedDescription)")
        }
        return url
    }
}
