import Scenarios

extension LoadPlan {
    /// Why a valid scenario cannot be run by the engine; names the scenario and what is missing.
    public struct UnsupportedScenario: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The plan for a loaded scenario, sent to `url` when given (else to the scenario's own target).
    ///
    /// Steps with nothing to fill in are encoded once; steps with templates, captures, or header, body and JSON
    /// checks run as dynamic steps (``PlannedRequest/init(step:)``). Request paths already carry the target's path
    /// prefix, so the scenario's own target is used without it.
    public init(scenario: Scenario, url: String?) throws {
        let base = scenario.target.baseURL
        let target = try url.map { try HTTPTarget(url: $0) } ?? HTTPTarget(origin: base)
        var flow: [PlannedRequest] = []
        for step in scenario.flow {
            switch step {
            case .request(let request):
                flow.append(PlannedRequest(step: request))
            case .think(let think, _):
                guard !flow.isEmpty else { continue }
                flow[flow.count - 1].thinkTime = ThinkPause(from: think.minimum, to: think.maximum)
            }
        }
        guard !flow.isEmpty else { throw UnsupportedScenario(description: "\(scenario.file): the flow has no request") }
        let timeout = scenario.requests.map(\.timeout).max() ?? scenario.defaults.timeout
        self.init(target: target, flow: flow, phases: scenario.load.map(Self.planned), timeout: timeout)
        variableCount = scenario.variables.count
        dataSources = scenario.data
        httpVersion = scenario.defaults.http
        loops = scenario.loops
    }

    /// The plan with its TLS context built from `settings` (a no-op for a plain http target).
    ///
    /// Kept apart from building the plan, because a target may write its certificates only when it starts.
    public func secured(with settings: TLSSettings) throws(TLSSetupError) -> LoadPlan {
        guard target.isSecure else { return self }
        var plan = self
        plan.tls = try TLSClient(settings: settings, host: target.host, httpVersion: httpVersion)
        return plan
    }
}
