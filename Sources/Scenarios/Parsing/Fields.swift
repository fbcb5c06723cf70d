import Yams

/// The entries of one YAML mapping, looked up by key, remembering the mapping's position for "missing key" errors.
struct Fields {
    let node: Node
    let location: SourceLocation
    let entries: [(key: String, keyNode: Node, value: Node)]
    let what: String

    subscript(key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    /// The keys present among `keys`.
    func present(_ keys: [String]) -> [String] { keys.filter(has) }

    /// The value of a required key, reporting its absence on the mapping.
    func require(_ key: String, _ context: YAMLContext, expected: String) -> Node? {
        guard let value = self[key] else {
            context.error(location, "missing \"\(key)\" in \(what): expected \(expected)")
            return nil
        }
        return value
    }
}
