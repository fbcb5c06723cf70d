import Basics
import Foundation

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
        // Toxiproxy ignores attributes it does not know, and the byte toxics keep that; an HTTP toxic refuses them,
        // since a misspelt match attribute would silently widen the fault to every request.
        if let http = type as? any HTTPToxic.Type,
            let unknown = changes.keys.sorted().first(where: { object[$0] == nil })
        {
            let known = http.allAttributeNames.joined(separator: ", ")
            throw .badRequest("unknown attribute \"\(unknown)\" for an \(type.typeName) toxic; it takes \(known)")
        }
        for (key, value) in changes where object[key] != nil { object[key] = value }
        let toxic: any Toxic
        do {
            toxic = try type.decoded(from: JSONEncoder().encode(JSONValue.object(object)))
        } catch {
            throw .badRequest("attributes of a \(type.typeName) toxic: \(describe(error))")
        }
        if let http = toxic as? any HTTPToxic { try http.validate() }
        return toxic
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
