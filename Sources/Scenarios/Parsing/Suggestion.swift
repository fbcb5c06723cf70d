/// "Did you mean" suggestions: the closest known word by edit distance, when it is close enough to be a typo.
public enum Suggestion {
    /// The candidate nearest to `word`, if within a third of its length (at least 1, at most 3 edits), or else one
    /// that shares a long prefix with it (`proxy` → `proxies`).
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = min(3, max(1, word.count / 3))
        var best: (String, Int)?
        var prefixed: String?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
            let shared = zip(word.lowercased(), candidate.lowercased()).prefix { $0 == $1 }.count
            if shared >= 4, shared * 3 >= min(word.count, candidate.count) * 2 { prefixed = prefixed ?? candidate }
        }
        return best?.0 ?? prefixed
    }

    /// Edit distance over characters where swapping two neighbours counts as one edit, as typing makes it
    /// (`vsu` → `vus`): Levenshtein plus adjacent transposition (optimal string alignment).
    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var beforePrevious = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
