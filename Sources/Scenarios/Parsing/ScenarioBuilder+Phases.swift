import Foundation
import Yams

extension ScenarioBuilder {
    static let phaseKeys = [
        "name", "arrival-rate", "duration", "stages", "max-in-flight", "vus", "iterations", "iterations-per-vu",
        "max-duration", "connections",
    ]

    /// The phases; with `http` forced to 1.1, a phase's `connections` is refused (each user has its own).
    func readPhases(_ node: Node, http: HTTPVersionPreference = .auto) -> [LoadPhase] {
        guard let items = context.sequence(node, "a list of load phases") else { return [] }
        if items.isEmpty { context.error(node, "expected at least one load phase, found an empty list") }
        var names: [String: SourceLocation] = [:]
        return items.compactMap { item in
            guard let phase = readPhase(item, http: http) else { return nil }
            if let first = names[phase.name] {
                context.error(phase.location, "duplicate phase name \"\(phase.name)\" (first used at \(first))")
            }
            names[phase.name] = phase.location
            return phase
        }
    }

    private func readPhase(_ node: Node, http: HTTPVersionPreference) -> LoadPhase? {
        guard let fields = context.mapping(node, "a load phase", allowed: Self.phaseKeys) else { return nil }
        let name = fields.require("name", context, expected: "the phase's name").flatMap {
            context.string($0, "a phase name")
        }
        let models = fields.present(["arrival-rate", "iterations", "iterations-per-vu", "vus"])
        let kind: LoadPhase.Kind?
        if fields.has("arrival-rate") {
            kind = readArrivalRate(fields)
        } else if fields.has("iterations") || fields.has("iterations-per-vu") {
            kind = readIterations(fields)
        } else if fields.has("vus") {
            kind = readVirtualUsers(fields)
        } else {
            context.error(
                fields.location,
                "a load phase needs \"arrival-rate\" (open model), \"vus\" (closed model) or \"iterations\""
            )
            kind = nil
        }
        if models.contains("arrival-rate"), models.count > 1 {
            context.error(
                fields.location,
                "\"arrival-rate\" cannot be combined with \(models.dropFirst().map { "\"\($0)\"" }.joined(separator: ", "))"
            )
        }
        let connections = fields["connections"].flatMap { context.int($0, "connections", in: 1...100_000) }
        if connections != nil, http == .http1, let node = fields["connections"] {
            context.error(
                node,
                "connections sets how many HTTP/2 connections carry the streams; with defaults.http 1.1 each user has its own connection"
            )
        }
        guard let name, let kind else { return nil }
        return LoadPhase(name: name, kind: kind, location: fields.location, connections: connections)
    }

    private func readArrivalRate(_ fields: Fields) -> LoadPhase.Kind? {
        let maxInFlight =
            fields["max-in-flight"].flatMap { context.int($0, "max-in-flight", in: 1...1_000_000) }
            ?? defaultMaxInFlight
        reject(["max-duration"], in: fields, because: "it applies to iterations phases")
        let rateNode = fields["arrival-rate"]!
        if case .mapping = rateNode {
            guard let ramp = context.mapping(rateNode, "an arrival-rate ramp", allowed: ["from", "to"]) else {
                return nil
            }
            let from = ramp.require("from", context, expected: "the starting rate, such as 50/s").flatMap {
                context.rate($0, "from")
            }
            let to = ramp["to"].flatMap { context.rate($0, "to") }
            let stages = readRateStages(fields, rampTo: to)
            guard let from, let stages else { return nil }
            return .rampingArrivalRate(RampingArrivalRate(start: from, stages: stages, maxInFlight: maxInFlight))
        }
        let rate = context.rate(rateNode, "arrival-rate")
        if fields.has("stages") {
            guard let rate, let stages = readRateStages(fields, rampTo: nil) else { return nil }
            return .rampingArrivalRate(RampingArrivalRate(start: rate, stages: stages, maxInFlight: maxInFlight))
        }
        let duration = fields.require("duration", context, expected: "how long the phase runs, such as 30s").flatMap {
            context.duration($0, "duration")
        }
        guard let rate, let duration else { return nil }
        return .constantArrivalRate(ConstantArrivalRate(rate: rate, duration: duration, maxInFlight: maxInFlight))
    }

    /// `{from, to}` with `duration` is one stage; `stages` lists several. Exactly one of the two must be given.
    private func readRateStages(_ fields: Fields, rampTo: Rate?) -> [RateStage]? {
        if let stagesNode = fields["stages"] {
            if rampTo != nil {
                context.error(stagesNode, "give either arrival-rate {from, to} with duration, or stages, not both")
            }
            if let duration = fields["duration"] {
                context.error(duration, "\"duration\" is given per stage when \"stages\" is used")
            }
            return readStages(stagesNode) { context.rate($0, "stage target rate") }.map {
                $0.map { RateStage(target: $0.0, duration: $0.1) }
            }
        }
        guard let rampTo else {
            context.error(fields.location, "a ramping arrival rate needs \"to\" in arrival-rate, or \"stages\"")
            return nil
        }
        let duration = fields.require("duration", context, expected: "how long the ramp lasts, such as 30s").flatMap {
            context.duration($0, "duration")
        }
        return duration.map { [RateStage(target: rampTo, duration: $0)] }
    }

    /// Reads `[{to, duration}]`, the target read by `target`.
    func readStages<Value>(_ node: Node, target: (Node) -> Value?) -> [(Value, Duration)]? {
        guard let items = context.sequence(node, "a list of stages {to, duration}") else { return nil }
        if items.isEmpty { context.error(node, "expected at least one stage, found an empty list") }
        var stages: [(Value, Duration)] = []
        var complete = true
        for item in items {
            guard let fields = context.mapping(item, "a stage", allowed: ["to", "duration"]) else {
                complete = false
                continue
            }
            let value = fields.require("to", context, expected: "the stage's target").flatMap(target)
            let duration = fields.require("duration", context, expected: "the stage's duration").flatMap {
                context.duration($0, "stage duration")
            }
            if let value, let duration { stages.append((value, duration)) } else { complete = false }
        }
        return complete && !items.isEmpty ? stages : nil
    }

    func reject(_ keys: [String], in fields: Fields, because reason: String) {
        for key in keys {
            if let entry = fields.entries.first(where: { $0.key == key }) {
                context.error(entry.keyNode, "\"\(key)\" is not allowed here: \(reason)")
            }
        }
    }
}
