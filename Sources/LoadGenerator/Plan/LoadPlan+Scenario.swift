import Scenarios

extension LoadPlan {
    /// Why a valid scenario cannot be run by this version of the engine; names the step and where it is.
    public struct UnsupportedScenario: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The plan for a loaded scenario, sent to `url` when given (else to the scenario's own target).
    ///
    /// The engine runs flows whose requests need no templating, with status checks; steps with template
    /// expressions, captures, or header, body and JSON checks are refused with a clear error until the flow runner
    /// for them lands.
    public init(scenario: Scenario, url: String?) throws {
        let base = scenario.target.baseURL
        let target =
            try url.map { try HTTPTarget(url: $0) }
            ?? HTTPTarget(host: base.host, port: base.port, basePath: base.pathPrefix)
        var flow: [PlannedRequest] = []
        for step in scenario.flow {
            switch step {
            case .request(let request):
                flow.append(try Self.planned(request, file: scenario.file))
            case .think(let think, _):
                guard !flow.isEmpty else { continue }
                flow[flow.count - 1].thinkTime = ThinkPause(from: think.minimum, to: think.maximum)
            }
        }
        guard !flow.isEmpty else { throw UnsupportedScenario(description: "\(scenario.file): the flow has no request") }
        let timeout =
            scenario.flow.compactMap { step -> Duration? in
                if case .request(let request) = step { return request.timeout }
                return nil
            }.max() ?? scenario.defaults.timeout
        self.init(
            target: target,
            flow: flow,
            phases: scenario.load.map(Self.planned),
            timeout: timeout
        )
    }

    static func planned(_ step: RequestStep, file: String) throws -> PlannedRequest {
        let place = "\(step.location): step \"\(step.name)\""
        guard step.isConstant, step.captures.isEmpty else {
            throw UnsupportedScenario(
                description: "\(place) uses templates or captures, not supported by the engine yet"
            )
        }
        var statuses: [ClosedRange<Int>] = []
        for check in step.checks {
            guard case .status(let set) = check.condition else {
                throw UnsupportedScenario(description: "\(place): only status checks are supported by the engine yet")
            }
            statuses += set.ranges
        }
        var path = String(decoding: step.url.path.constantBytes ?? [], as: UTF8.self)
        if let query = step.url.query?.constantBytes { path += "?" + String(decoding: query, as: UTF8.self) }
        if let origin = step.url.origin { path = "http://\(origin.hostHeader)\(origin.pathPrefix)\(path)" }
        return PlannedRequest(
            name: step.name,
            method: step.method.rawValue,
            path: path,
            headers: step.headers.map {
                .init($0.name, String(decoding: $0.value.constantBytes ?? [], as: UTF8.self))
            },
            body: step.body?.template.constantBytes ?? [],
            expectedStatuses: statuses,
            thinkTime: step.think.map { ThinkPause(from: $0.minimum, to: $0.maximum) }
        )
    }
}
