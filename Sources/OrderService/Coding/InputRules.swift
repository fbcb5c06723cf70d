/// What request validation accepts, named once: the validators check these values and the OpenAPI document is
/// built from them, so the contract cannot drift from the code. Lengths count Unicode scalars, as JSON Schema's
/// `minLength` and `maxLength` do.
enum InputRules {
    /// A username: letters, digits, '.', '_' or '-'.
    static let usernameLength = 3...64
    static let usernameCharacters = CharacterClass(ranges: [
        "A"..."Z", "a"..."z", "0"..."9", "."...".", "_"..."_", "-"..."-",
    ])

    /// A password: printable ASCII (space included). bcrypt reads at most 72 bytes, and JSON Schema can bound only
    /// characters, not bytes; in ASCII the two agree, so the contract states exactly what is hashed.
    static let passwordLength = 8...72
    static let passwordCharacters = CharacterClass(ranges: [" "..."~"])

    /// An order's lines and each line's quantity; a product id must name one of the catalogue's products.
    static let orderItems = 1...50
    static let productIDLength = 1...64
    static let quantity = 1...1000

    /// An `Idempotency-Key` header: visible ASCII.
    static let idempotencyKeyLength = 1...255
    static let idempotencyKeyCharacters = CharacterClass(ranges: ["!"..."~"])

    /// An integration API key's name.
    static let apiKeyNameLength = 1...100

    /// `limit` of a page of orders.
    static let pageLimit = 1...100
    static let defaultPageLimit = 20
}

extension InputRules {
    /// A set of ASCII scalars given as ranges, readable both by the validator and as a regular-expression class.
    struct CharacterClass {
        let ranges: [ClosedRange<Unicode.Scalar>]

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            ranges.contains { $0.contains(scalar) }
        }

        /// Whether every scalar of `text` is in the class and their count is in `length`.
        func accepts(_ text: String, length: ClosedRange<Int>) -> Bool {
            length.contains(text.unicodeScalars.count) && text.unicodeScalars.allSatisfy(contains)
        }

        /// An anchored ECMA-262 pattern matching exactly the strings `accepts` takes.
        func pattern(length: ClosedRange<Int>) -> String {
            let members = ranges.map { range in
                range.lowerBound == range.upperBound
                    ? Self.escaped(range.lowerBound)
                    : "\(Self.escaped(range.lowerBound))-\(Self.escaped(range.upperBound))"
            }
            return "^[\(members.joined())]{\(length.lowerBound),\(length.upperBound)}$"
        }

        private static func escaped(_ scalar: Unicode.Scalar) -> String {
            let character = String(scalar)
            return "\\^-[]".contains(character) ? "\\" + character : character
        }
    }
}
