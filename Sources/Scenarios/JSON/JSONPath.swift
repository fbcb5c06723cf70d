import Basics

/// A JSON path in the subset Ordeal supports: `$`, `.name`, `['name']` or `["name"]`, and `[index]` (negative from the end).
///
/// Grammar: `path = "$" { "." name | "[" ( integer | quoted-string ) "]" }`, with `name` made of letters, digits,
/// `_` and `-`. No wildcards, filters or recursive descent: a path selects at most one value.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step down the tree.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]
    /// The text as written.
    public var text: String

    public init(components: [Component], text: String) {
        self.components = components
        self.text = text
    }

    public var description: String { text }

    /// The value the path selects in `value`, nil when some step is missing.
    public func evaluate(in value: JSONValue) -> JSONValue? {
        var current = value
        for component in components {
            switch (component, current) {
            case (.key(let key), .object(let members)):
                guard let next = members[key] else { return nil }
                current = next
            case (.index(let index), .array(let elements)):
                let position = index < 0 ? elements.count + index : index
                guard elements.indices.contains(position) else { return nil }
                current = elements[position]
            default:
                return nil
            }
        }
        return current
    }

    /// Parses the response body and evaluates the path; nil when the body is not JSON or the path selects nothing.
    public func evaluate(inBody body: some Collection<UInt8>) -> JSONValue? {
        guard let value = try? JSONParser.parse(body) else { return nil }
        return evaluate(in: value)
    }
}
