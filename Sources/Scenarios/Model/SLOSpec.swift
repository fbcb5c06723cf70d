/// One SLO as written (`p99 < 250ms`), kept verbatim with its location; the Profiler parses the grammar.
public struct SLOSpec: Sendable, Equatable {
    /// The expression text, trimmed.
    public var text: String
    /// Where the text starts, so a parse error in it can point at the right column.
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}
