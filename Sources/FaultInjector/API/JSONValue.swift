import Foundation

/// Any JSON value: how toxic attributes travel, so a PATCH can merge them onto a toxic's current ones.
enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value && abs(value) < 1e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension Toxic {
    /// Decodes a toxic of this type from its attributes object.
    static func decoded(from data: Data) throws -> Self { try JSONDecoder().decode(Self.self, from: data) }
}

/// Turns toxics into their `attributes` objects and back.
enum ToxicAttributes {
    /// The attributes of a toxic as a JSON object.
    static func object(of toxic: any Toxic) -> [String: JSONValue] {
        guard let data = try? JSONEncoder().encode(toxic),
            case .object(let object) = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return [:] }
        return object
    }

    /// A toxic of `type` whose attributes are `base`'s (or the defaults) overwritten by `changes`.
    static func merge(
        _ changes: [String: JSONValue],
        onto base: (any Toxic)?,
        type: any Toxic.Type
    ) throws(FaultInjectorError) -> any Toxic {
        var object = object(of: base ?? type.init())
        for (key, value) in changes where object[key] != nil { object[key] = value }
        do {
            return try type.decoded(from: JSONEncoder().encode(JSONValue.object(object)))
        } catch {
            throw .badRequest("attributes of a \(type.typeName) toxic: \(describe(error))")
        }
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
