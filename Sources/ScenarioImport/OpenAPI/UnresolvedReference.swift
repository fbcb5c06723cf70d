import Foundation
import Yams

/// The first `$ref` into the document itself (`#/components/schemas/Order`) that names nothing, with the JSON
/// pointer of its `$ref` member: OpenAPIKit's dereferencing says only that a lookup failed, not where.
enum UnresolvedReference {
    static func first(in root: Node) -> (pointer: String, reference: String)? {
        walk(root, pointer: "", root: root)
    }

    private static func walk(_ node: Node, pointer: String, root: Node) -> (pointer: String, reference: String)? {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                let here = pointer + "/" + escaped(name)
                if name == "$ref", let reference = value.string, reference.hasPrefix("#"),
                    target(of: reference, in: root) == nil
                {
                    return (here, reference)
                }
                if let found = walk(value, pointer: here, root: root) { return found }
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                if let found = walk(item, pointer: "\(pointer)/\(index)", root: root) { return found }
            }
        default: break
        }
        return nil
    }

    /// The node a local reference names, if any.
    static func target(of reference: String, in root: Node) -> Node? {
        var node = root
        for token in reference.dropFirst().split(separator: "/") {
            let raw = String(token).removingPercentEncoding ?? String(token)
            let key = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .mapping(let mapping):
                guard let next = mapping.first(where: { $0.key.string == key })?.value else { return nil }
                node = next
            case .sequence(let sequence):
                guard let index = Int(key), sequence.indices.contains(index) else { return nil }
                node = sequence[index]
            default: return nil
            }
        }
        return node
    }

    /// A key as a JSON pointer token: `~` as `~0`, `/` as `~1`.
    static func escaped(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
