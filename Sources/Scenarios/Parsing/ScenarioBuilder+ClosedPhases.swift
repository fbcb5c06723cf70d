import Foundation
import Yams

extension ScenarioBuilder {
    func readVirtualUsers(_ fields: Fields) -> LoadPhase.Kind? {
        reject(["max-in-flight"], in: fields, because: "it applies to arrival-rate phases")
        reject(["max-duration"], in: fields, because: "it applies to iterations phases")
        let start = context.int(fields["vus"]!, "vus", in: 0...1_000_000)
        if let stagesNode = fields["stages"] {
            if let duration = fields["duration"] {
                context.error(duration, "\"duration\" is given per stage when \"stages\" is used")
            }
            let stages = readStages(stagesNode) { context.int($0, "stage target vus", in: 0...1_000_000) }
            guard let start, let stages else { return nil }
            let parsed = stages.map { VirtualUserStage(target: $0.0, duration: $0.1) }
            return .rampingVirtualUsers(RampingVirtualUsers(start: start, stages: parsed))
        }
        let duration = fields.require("duration", context, expected: "how long the phase runs, such as 30s").flatMap {
            context.duration($0, "duration")
        }
        if let start, start == 0 { context.error(fields["vus"]!, "a constant-vus phase needs at least 1 virtual user") }
        guard let start, start > 0, let duration else { return nil }
        return .constantVirtualUsers(ConstantVirtualUsers(virtualUsers: start, duration: duration))
    }

    func readIterations(_ fields: Fields) -> LoadPhase.Kind? {
        reject(["max-in-flight"], in: fields, because: "it applies to arrival-rate phases")
        reject(
            ["stages", "duration"],
            in: fields,
            because: "an iterations phase ends when its iterations are done (see max-duration)"
        )
        if fields.has("iterations"), fields.has("iterations-per-vu") {
            context.error(fields.location, "give either \"iterations\" (shared) or \"iterations-per-vu\", not both")
            return nil
        }
        let perVU = fields.has("iterations-per-vu")
        let countNode = fields[perVU ? "iterations-per-vu" : "iterations"]!
        let count = context.int(countNode, perVU ? "iterations-per-vu" : "iterations", in: 1...1_000_000_000)
        let users = fields["vus"].map { context.int($0, "vus", in: 1...1_000_000) } ?? 1
        let maxDuration =
            fields["max-duration"].map { context.duration($0, "max-duration") } ?? FixedIterations.defaultMaxDuration
        guard let count, let users, let maxDuration else { return nil }
        return .iterations(
            FixedIterations(
                count: count,
                distribution: perVU ? .perVirtualUser : .shared,
                virtualUsers: users,
                maxDuration: maxDuration
            )
        )
    }
}
