import Basics
import Foundation
import Scenarios

/// Decodes and checks a toxic's attributes against its declaration (``ToxicDefinition/attributes``), from the
/// control API's JSON or from a scenario's text, so both refuse the same things for the same reasons.
public enum ToxicDecoding {
    /// The attributes of a toxic as Toxiproxy's JSON object.
    static func object(of toxic: any ToxicDefinition) -> [String: JSONValue] {
        guard let data = try? JSONEncoder().encode(toxic),
            case .object(let object) = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return [:] }
        return object
    }

    /// A toxic of `type` whose attributes are `base`'s (or the defaults) overwritten by `changes` (the API's JSON).
    static func merge(
        _ changes: [String: JSONValue],
        onto base: (any ToxicDefinition)?,
        type: any ToxicDefinition.Type
    ) throws(FaultInjectorError) -> any ToxicDefinition {
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            guard let attribute = type.attributes.first(where: { $0.name == name }) else {
                throw .badRequest(unknownAttribute(name, of: type))
            }
            if let problem = check(value, attribute) {
                throw .badRequest("attribute \(name) of a \(type.typeName) toxic: \(problem)")
            }
        }
        var object = object(of: base ?? type.init())
        for (key, value) in changes { object[key] = value }
        let toxic: any ToxicDefinition
        do {
            toxic = try type.init(attributes: object)
        } catch {
            throw .badRequest("attributes of a \(type.typeName) toxic: \(describe(error))")
        }
        if let problem = toxic.problems().first { throw .badRequest("\(type.typeName) toxic: \(problem)") }
        return toxic
    }

    /// The toxic a scenario's fault names, or every problem with it at its place in the file.
    public static func decode(_ raw: RawToxic) -> Result<any ToxicDefinition, ScenarioError> {
        guard let type = ToxicRegistry.type(named: raw.type) else {
            return .failure(.invalid([unknownType(raw)]))
        }
        var problems: [Diagnostic] = []
        var object = object(of: type.init())
        var given: [String: RawAttribute] = [:]
        for written in raw.attributes {
            guard let attribute = type.attributes.first(where: { $0.answers(to: written.name) }) else {
                problems.append(Diagnostic(written.nameLocation, unknownAttribute(written.name, of: type)))
                continue
            }
            if let earlier = given[attribute.name] {
                problems.append(
                    Diagnostic(raw.location, "give \"\(earlier.name)\" or its alias \"\(written.name)\", not both")
                )
                continue
            }
            given[attribute.name] = written
            switch value(of: written, attribute) {
            case .success(let value): object[attribute.name] = value
            case .failure(let failure): problems.append(Diagnostic(written.location, failure.message))
            }
        }
        for attribute in type.attributes where attribute.required && given[attribute.name] == nil {
            problems.append(
                Diagnostic(
                    raw.location,
                    "missing \"\(attribute.name)\" in \(type.typeName): expected \(attribute.kind.expected)"
                )
            )
        }
        guard problems.isEmpty else { return .failure(.invalid(problems)) }
        do {
            let toxic = try type.init(attributes: object)
            let rules = toxic.problems().map { Diagnostic(raw.location, $0) }
            return rules.isEmpty ? .success(toxic) : .failure(.invalid(rules))
        } catch {
            return .failure(.invalid([Diagnostic(raw.location, "\(raw.type): \(describe(error))")]))
        }
    }

    /// A scenario attribute's text as the JSON value Toxiproxy would hold, in the attribute's unit.
    private static func value(of written: RawAttribute, _ attribute: ToxicAttribute) -> Result<
        JSONValue, ScalarText.Failure
    > {
        let text = written.text
        switch attribute.kind {
        case .milliseconds:
            return ScalarText.duration(text, written.name, allowZero: true).map {
                .number(Double($0.nanosecondsClamped / 1_000_000))
            }
        case .microseconds:
            return ScalarText.duration(text, written.name, allowZero: true).map {
                .number(Double($0.nanosecondsClamped / 1_000))
            }
        case .seconds:
            return ScalarText.duration(text, written.name, allowZero: true).map {
                .number(Double($0.nanosecondsClamped / 1_000_000_000))
            }
        case .integer(let range):
            return ScalarText.integer(text, written.name, in: range).map { .number(Double($0)) }
        case .probability:
            return ScalarText.number(text, written.name, in: 0...1).map { .number($0) }
        case .text:
            if let problem = attribute.rule?(text) { return .failure(ScalarText.Failure(message: problem)) }
            return .success(.string(text))
        case .flag:
            return ScalarText.flag(text, written.name).map { .bool($0) }
        }
    }

    /// What is wrong with a JSON value for `attribute`, if anything.
    private static func check(_ value: JSONValue, _ attribute: ToxicAttribute) -> String? {
        switch (attribute.kind, value) {
        case (.milliseconds, .number(let number)), (.microseconds, .number(let number)),
            (.seconds, .number(let number)):
            return number >= 0 && number == number.rounded() ? nil : "expected \(attribute.kind.json), found \(number)"
        case (.integer(let range), .number(let number)):
            return number == number.rounded() && Double(range.lowerBound) <= number
                && number <= Double(range.upperBound)
                ? nil : "expected \(attribute.kind.expected), found \(number.formatted())"
        case (.probability, .number(let number)):
            return (0...1).contains(number) ? nil : "expected \(attribute.kind.expected), found \(number.formatted())"
        case (.text, .string(let text)):
            return attribute.rule?(text)
        case (.flag, .bool):
            return nil
        default:
            return "expected \(attribute.kind.json)"
        }
    }

    private static func unknownAttribute(_ name: String, of type: any ToxicDefinition.Type) -> String {
        let names = type.attributes.flatMap { [$0.name] + $0.aliases }
        let hint = Suggestion.closest(to: name, among: names).map { "; did you mean \"\($0)\"?" } ?? ""
        return
            "unknown attribute \"\(name)\" of a \(type.typeName) toxic\(hint) (expected one of: \(names.joined(separator: ", ")))"
    }

    private static func unknownType(_ raw: RawToxic) -> Diagnostic {
        let toxics = ToxicRegistry.all.map { $0.typeName }
        let others = ["down", "cpu", "memory", "pause", "kill", "signal"]
        let hint = Suggestion.closest(to: raw.type, among: toxics + others).map { "; did you mean \"\($0)\"?" } ?? ""
        return Diagnostic(
            raw.typeLocation,
            "unknown fault \"\(raw.type)\"\(hint): a fault is down, cpu, memory, pause, kill, signal or a toxic (\(toxics.joined(separator: ", ")))"
        )
    }

    /// A short account of a decoding error: which field, what was wrong.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(let type, let context):
            "\(path(context)) should be \(type)"
        case .valueNotFound(_, let context), .dataCorrupted(let context):
            "\(path(context)) \(context.debugDescription)"
        case .keyNotFound(let key, _):
            "missing \(key.stringValue)"
        default:
            "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? "the body" : path
    }
}

extension ToxicDefinition {
    /// The toxic whose Toxiproxy attributes are `object`.
    init(attributes object: [String: JSONValue]) throws {
        self = try JSONDecoder().decode(Self.self, from: JSONEncoder().encode(JSONValue.object(object)))
    }
}
