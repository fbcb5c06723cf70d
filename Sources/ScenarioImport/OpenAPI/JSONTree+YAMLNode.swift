import Yams

/// A JSON document as a YAML node, so OpenAPIKit decodes it through Yams, which keeps object keys in document
/// order. Foundation's `JSONDecoder` hands them over in hash order, which changes from one run to the next and
/// made two imports of one JSON document differ.
extension JSONTree {
    /// The resolver `YAMLDecoder` parses with: plain scalars stay text, so a key looked up by name (`"201"`)
    /// matches a key written as text. Collections carry it, since lookups resolve their key with it.
    static let resolver = Resolver.basic.appending(.merge)

    var yamlNode: Node {
        switch self {
        case .null: return .scalar(.init("null", Tag(.null)))
        case .bool(let flag): return .scalar(.init(flag ? "true" : "false", Tag(.bool)))
        case .number(let text):
            let integral = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
            return .scalar(.init(text, Tag(integral ? .int : .float)))
        // Tagged as strings, so "true" or "42" in a JSON string stays text.
        case .string(let text): return .scalar(.init(text, Tag(.str), .doubleQuoted))
        case .array(let items): return .sequence(.init(items.map(\.yamlNode), Tag(.implicit, Self.resolver)))
        case .object(let members):
            return .mapping(
                .init(
                    members.map { (Node.scalar(.init($0.key, Tag(.str), .doubleQuoted)), $0.value.yamlNode) },
                    Tag(.implicit, Self.resolver)
                )
            )
        }
    }
}
