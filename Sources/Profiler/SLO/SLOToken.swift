/// One lexical token of an SLO expression, with the 1-based column it starts at.
struct SLOToken: Equatable {
    enum Kind: Equatable {
        /// A keyword or a name: letters, digits, `-`, `_`, `.`.
        case word(String)
        /// A number with the unit written right after it (`250ms`, `0.1%`, `400/s`, `5`).
        case number(Double, unit: String, text: String)
        case comparison(SLOComparison)
        case colon
    }

    let kind: Kind
    let column: Int

    var text: String {
        switch kind {
        case .word(let word): word
        case .number(_, _, let text): text
        case .comparison(let comparison): comparison.rawValue
        case .colon: ":"
        }
    }
}
