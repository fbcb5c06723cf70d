import Foundation
import OpenAPIKit

/// Builds a request value from a schema: its example, default or first allowed value when it has one, else a
/// value of its type that meets its constraints (lengths, bounds, item counts, formats).
enum SchemaSampler {
    static func sample(_ schema: DereferencedJSONSchema, depth: Int = 0) -> JSONTree {
        if let example = schema.examples.first { return tree(example.value) }
        if let value = schema.defaultValue { return tree(value.value) }
        if let first = schema.allowedValues?.first { return tree(first.value) }
        guard depth < 8 else { return .null }
        switch schema {
        case .null: return .null
        case .boolean: return .bool(true)
        case .integer(_, let context):
            var value = context.minimum.map { $0.exclusive ? $0.value + 1 : $0.value } ?? 1
            if let maximum = context.maximum {
                value = min(value, maximum.exclusive ? maximum.value - 1 : maximum.value)
            }
            return .number(String(value))
        case .number(_, let context):
            let value = context.minimum.map { $0.exclusive ? $0.value + 1 : $0.value } ?? 1
            return .number(value == value.rounded() ? String(Int(value)) : String(value))
        case .string(let core, let context):
            switch core.formatString {
            case "date-time": return .string("2024-01-01T00:00:00Z")
            case "date": return .string("2024-01-01")
            case "email": return .string("user@example.com")
            case "uuid": return .string("00000000-0000-4000-8000-000000000000")
            case "uri", "url": return .string("https://example.com/")
            default:
                var text = "example"
                if text.count < context.minLength {
                    text += String(repeating: "x", count: context.minLength - text.count)
                }
                if let maximum = context.maxLength, text.count > maximum { text = String(text.prefix(max(maximum, 0))) }
                return .string(text)
            }
        case .object(_, let context):
            let members = context.properties.filter { !$0.value.readOnly }.map {
                ($0.key, sample($0.value, depth: depth + 1))
            }
            return .object(members)
        case .array(_, let context):
            guard let items = context.items else { return .array([]) }
            return .array(Array(repeating: sample(items, depth: depth + 1), count: max(1, context.minItems)))
        case .all(let schemas, _):
            var members: [(key: String, value: JSONTree)] = []
            for part in schemas {
                guard case .object(let more) = sample(part, depth: depth + 1) else { continue }
                members += more.filter { member in !members.contains { $0.key == member.key } }
            }
            return members.isEmpty ? schemas.first.map { sample($0, depth: depth + 1) } ?? .null : .object(members)
        case .one(let schemas, _), .any(let schemas, _):
            return schemas.first.map { sample($0, depth: depth + 1) } ?? .null
        case .not, .fragment: return .string("example")
        }
    }

    /// An example value (decoded by OpenAPIKit as `Any`) as a JSON tree; object keys sorted, as the decoder
    /// keeps no order.
    static func tree(_ value: Any) -> JSONTree {
        switch value {
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(String(number))
        case let number as Double:
            return .number(number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number))
        case let text as String: return .string(text)
        case let items as [Any]: return .array(items.map(tree))
        case let object as [String: Any]: return .object(object.keys.sorted().map { ($0, tree(object[$0]!)) })
        case let wrapped as AnyCodable: return tree(wrapped.value)
        default: return .null
        }
    }

    /// Object members reordered as the schema lists its properties (examples come unordered).
    static func ordered(_ tree: JSONTree, by schema: DereferencedJSONSchema?) -> JSONTree {
        switch (tree, schema) {
        case (.object(let members), .object(_, let context)?):
            let order = Array(context.properties.keys)
            let sorted = members.sorted {
                (order.firstIndex(of: $0.key) ?? .max) < (order.firstIndex(of: $1.key) ?? .max)
            }
            return .object(sorted.map { ($0.key, ordered($0.value, by: context.properties[$0.key])) })
        case (.array(let items), .array(_, let context)?):
            return .array(items.map { ordered($0, by: context.items) })
        default: return tree
        }
    }
}
