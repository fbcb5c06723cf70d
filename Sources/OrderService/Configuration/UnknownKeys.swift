import Yams

/// The keys of a YAML configuration file that no setting reads, each reported with its line and, when one is
/// close, the known key it was probably meant to be: a typo must not silently fall back to a default.
///
/// swift-configuration's YAML provider answers only the keys it is asked for, so the file is composed again with
/// Yams, whose nodes carry their positions, and every key path in it is checked against the keys that were read.
enum UnknownKeys {
    /// One problem per unknown key, as `FILE:LINE: unknown key 'a.b' (did you mean 'a.c'?)`, in file order.
    static func problems(inYAML text: String, file: String, known: Set<String>) -> [String] {
        guard let root = try? Yams.compose(yaml: text), let mapping = root.mapping else { return [] }
        // Every known key and each of its sections ("rateLimit", "rateLimit.ip", "rateLimit.ip.readBurst").
        var sections: Set<String> = []
        for key in known {
            let parts = key.split(separator: ".")
            for end in 1..<parts.count { sections.insert(parts[..<end].joined(separator: ".")) }
        }
        var problems: [String] = []
        walk(mapping, prefix: "", known: known, sections: sections) { path, line in
            var problem = "\(file)\(line.map { ":\($0)" } ?? ""): unknown key '\(path)'"
            if let guess = nearest(to: path, among: known.union(sections)) { problem += " (did you mean '\(guess)'?)" }
            problems.append(problem)
        }
        return problems
    }

    private static func walk(
        _ mapping: Node.Mapping,
        prefix: String,
        known: Set<String>,
        sections: Set<String>,
        report: (String, Int?) -> Void
    ) {
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let path = prefix.isEmpty ? name : "\(prefix).\(name)"
            if known.contains(path) { continue }
            if sections.contains(path), let nested = value.mapping {
                walk(nested, prefix: path, known: known, sections: sections, report: report)
            } else {
                report(path, key.mark?.line)
            }
        }
    }

    /// The candidate at the same depth with the fewest edits (ignoring case), if it is close enough to be a typo.
    static func nearest(to path: String, among candidates: Set<String>) -> String? {
        let depth = path.split(separator: ".").count
        let lowered = path.lowercased()
        let scored = candidates.filter { $0.split(separator: ".").count == depth }
            .map { (key: $0, distance: editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { ($0.distance, $0.key) < ($1.distance, $1.key) }) else { return nil }
        let leaf = path.split(separator: ".").last.map(\.count) ?? path.count
        return best.distance <= max(2, (leaf + 2) / 3) ? best.key : nil
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
