import Foundation
import Hummingbird
import NIOCore

/// A request body type that names its fields, so that unknown ones are refused rather than ignored.
protocol StrictDecodable: Decodable {
    associatedtype Field: CodingKey & CaseIterable
}

extension Decoder {
    /// Throws when the object being decoded has a key that `Field` does not list.
    func rejectUnknownFields<Field: CodingKey & CaseIterable>(_: Field.Type) throws {
        let container = try container(keyedBy: AnyFieldKey.self)
        let known = Set(Field.allCases.map(\.stringValue))
        if let unknown = container.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw UnknownFieldError(path: codingPath + [unknown])
        }
    }
}

/// A JSON object key that was not expected.
struct UnknownFieldError: Error {
    let path: [any CodingKey]
}

/// Any key at all, to list what an object holds.
struct AnyFieldKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Request {
    /// Collects at most `context.maxUploadSize` bytes and decodes them, answering every failure with a 400/413
    /// problem that names the field, never a 500.
    func decodeStrictly<Body: StrictDecodable>(_: Body.Type, context: some RequestContext) async throws -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw ServiceError.bodyTooLarge
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch let error as UnknownFieldError {
            throw ServiceError(.badRequest, code: "unknown-field", detail: "Unknown field '\(render(error.path))'.")
        } catch let error as DecodingError {
            throw Self.problem(for: error)
        }
    }

    private static func problem(for error: DecodingError) -> ServiceError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidField(render(context.codingPath + [key]), "required")
        case .typeMismatch(let type, let context):
            return .invalidField(render(context.codingPath), "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return .invalidField(render(context.codingPath), "expected \(describe(type)), got null")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .invalidField(render(context.codingPath), "invalid value")
        default:
            return ServiceError(.badRequest, code: "malformed-json", detail: "The request body is not valid JSON.")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "a boolean"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

/// `items[0].quantity` from a coding path.
func render(_ path: [any CodingKey]) -> String {
    var text = ""
    for key in path {
        if let index = key.intValue {
            text += "[\(index)]"
        } else {
            text += text.isEmpty ? key.stringValue : "." + key.stringValue
        }
    }
    return text.isEmpty ? "(body)" : text
}
