import Basics
import Scenarios

extension PlannedRequest {
    /// The engine's request for a scenario step: encoded once when nothing in it varies and nothing is read from its
    /// response, else carried as a ``DynamicRequest`` rendered per iteration.
    ///
    /// Status checks become ``expectedStatuses`` either way; the step's think time becomes its pause.
    public init(step: RequestStep) {
        var statuses: [ClosedRange<Int>] = []
        var otherChecks: [Check] = []
        for check in step.checks {
            if case .status(let set) = check.condition { statuses += set.ranges } else { otherChecks.append(check) }
        }
        let think = step.think.map { ThinkPause(from: $0.minimum, to: $0.maximum) }
        guard step.isConstant, step.captures.isEmpty, otherChecks.isEmpty else {
            self.init(name: step.name, method: step.method.rawValue, expectedStatuses: statuses, thinkTime: think)
            dynamic = DynamicRequest(
                url: step.url,
                headers: step.headers,
                body: step.body,
                captures: step.captures,
                checks: otherChecks
            )
            return
        }
        var path = String(decoding: step.url.path.constantBytes ?? [], as: UTF8.self)
        if let query = step.url.query?.constantBytes { path += "?" + String(decoding: query, as: UTF8.self) }
        if let origin = step.url.origin { path = "\(origin.scheme)://\(origin.hostHeader)\(path)" }
        self.init(
            name: step.name,
            method: step.method.rawValue,
            path: path,
            headers: step.headers.map { .init($0.name, String(decoding: $0.value.constantBytes ?? [], as: UTF8.self)) },
            body: step.body?.template.constantBytes ?? [],
            expectedStatuses: statuses,
            thinkTime: think
        )
    }
}
