/// A parsed JSON value: what JSON-path captures and checks work on.
public enum JSONValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value as compact JSON text (object keys sorted, so the text is stable).
    public var description: String {
        var out: [UInt8] = []
        appendJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The text a capture stores: a string without its quotes, anything else as JSON.
    public var captureText: String {
        if case .string(let text) = self { return text }
        return description
    }

    /// Appends the value as compact JSON.
    public func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .number(let value): out += Array(Self.format(value).utf8)
        case .string(let text):
            out.append(0x22)
            TemplateEscaper.append(text.utf8, escaping: .json, to: &out)
            out.append(0x22)
        case .array(let elements):
            out.append(0x5B)
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(0x2C) }
                element.appendJSON(to: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(0x2C) }
                JSONValue.string(key).appendJSON(to: &out)
                out.append(0x3A)
                members[key]!.appendJSON(to: &out)
            }
            out.append(0x7D)
        }
    }

    /// Integers without a fraction, other numbers as Swift prints them.
    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
