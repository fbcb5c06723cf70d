/// Step names already taken in a generated scenario; a repeated name gets `-2`, `-3`, ….
struct UniqueNames: Sendable {
    private var taken: Set<String> = []

    /// `name`, or the first `name-N` not yet taken; from now on taken.
    mutating func claim(_ name: String) -> String {
        var candidate = name
        var suffix = 2
        while taken.contains(candidate) {
            candidate = "\(name)-\(suffix)"
            suffix += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
