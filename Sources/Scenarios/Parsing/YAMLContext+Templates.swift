import Basics
import Foundation
import Yams

extension YAMLContext {
    /// Where a scalar's text starts: one column after the opening quote of a quoted scalar.
    func contentLocation(_ node: Node) -> SourceLocation {
        let base = location(node)
        guard case .scalar(let scalar) = node else { return base }
        return scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? base.advanced(by: 1) : base
    }

    /// Appends a scalar's text to a template builder, reporting each template problem at its column.
    func appendTemplate(
        _ node: Node,
        to builder: inout TemplateBuilder,
        escapeLiterals: Bool,
        resolve: (String) -> Int?,
        what: String
    ) -> Bool {
        guard let text = string(node, what, allowEmpty: true) else { return false }
        let before = builder.failures.count
        builder.append(text, escapeLiterals: escapeLiterals, resolve: resolve)
        for failure in builder.failures[before...] {
            error(contentLocation(node).advanced(by: failure.offset), failure.message)
        }
        return builder.failures.count == before
    }

    /// Compiles one scalar into a template, or reports why it cannot be.
    func template(_ node: Node, escaping: Template.Escaping, resolve: (String) -> Int?, what: String) -> Template? {
        var builder = TemplateBuilder(escaping: escaping)
        guard appendTemplate(node, to: &builder, escapeLiterals: false, resolve: resolve, what: what) else {
            return nil
        }
        return builder.build()
    }

    /// A YAML value as JSON: plain scalars that resolve to numbers, booleans or null stay so; everything else is a string.
    func jsonValue(_ node: Node) -> JSONValue? {
        var budget = JSONBodyCompiler.maximumValues
        return jsonValue(node, budget: &budget)
    }

    private func jsonValue(_ node: Node, budget: inout Int) -> JSONValue? {
        budget -= 1
        guard budget >= 0 else {
            if budget == -1 {
                error(node, "value larger than \(JSONBodyCompiler.maximumValues) elements (aliases expanded)")
            }
            return nil
        }
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .number(Double($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue:
                guard let value = node.float, value.isFinite else { return .string(scalar.string) }
                return .number(value)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for item in sequence {
                guard let value = jsonValue(item, budget: &budget) else { return nil }
                elements.append(value)
            }
            return .array(elements)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    error(key, "expected a string key in a JSON object, found \(describe(key))")
                    return nil
                }
                guard let member = jsonValue(value, budget: &budget) else { return nil }
                members[name] = member
            }
            return .object(members)
        case .alias:
            error(node, "aliases are not supported here")
            return nil
        }
    }
}
