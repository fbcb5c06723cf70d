/// What every toxic declares once: its Toxiproxy type name, its attributes with their units and bounds, and any rule
/// that ties attributes together. The control API's JSON and a scenario's `faults:` are both decoded and checked
/// through these declarations (see ``ToxicDecoding``), so adding a toxic is one file and one line in
/// ``ToxicRegistry``.
///
/// The stored properties of a toxic are its Toxiproxy attributes (JSON ints, Toxiproxy's names and units).
public protocol ToxicDefinition: Codable, Sendable, Equatable {
    /// Toxiproxy's `type` string, such as `latency`.
    static var typeName: String { get }

    /// The attributes, in the order they are documented.
    static var attributes: [ToxicAttribute] { get }

    /// The toxic with Toxiproxy's defaults (every attribute zero), onto which given attributes are merged.
    init()

    /// What is wrong with this combination of attributes (`size_variation` not below `average_size`), if anything.
    func problems() -> [String]
}

extension ToxicDefinition {
    public func problems() -> [String] { [] }
}

/// One attribute of a toxic: its Toxiproxy name and unit, and how a scenario writes it.
public struct ToxicAttribute: Sendable {
    /// What the attribute holds: its unit in Toxiproxy's JSON, and its literal in a scenario.
    public enum Kind: Sendable {
        /// JSON: whole milliseconds; scenario: a duration literal (`200ms`).
        case milliseconds
        /// JSON: whole microseconds; scenario: a duration literal (`2ms`).
        case microseconds
        /// JSON: whole seconds; scenario: a duration literal (`5s`).
        case seconds
        /// An integer within bounds (bytes, KB/s, a status code).
        case integer(ClosedRange<Int>)
        /// A chance, 0...1; a scenario may write `5%`.
        case probability
        /// Any string (a glob, a header name).
        case text
        /// true or false.
        case flag

        /// What a valid value looks like, for messages.
        var expected: String {
            switch self {
            case .milliseconds, .microseconds: "a duration such as 200ms"
            case .seconds: "a duration such as 5s"
            case .integer(let range): "an integer in \(range.lowerBound)...\(range.upperBound)"
            case .probability: "a probability between 0 and 1"
            case .text: "a string"
            case .flag: "true or false"
            }
        }

        /// What a valid value looks like in Toxiproxy's JSON, for messages.
        var json: String {
            switch self {
            case .milliseconds: "a whole number of milliseconds"
            case .microseconds: "a whole number of microseconds"
            case .seconds: "a whole number of seconds"
            default: expected
            }
        }
    }

    public let name: String
    public let kind: Kind
    /// Other names a scenario may use (`delay` for latency's `latency`).
    public let aliases: [String]
    /// Whether a scenario must give it; the API, as Toxiproxy, takes the default (zero) instead.
    public let required: Bool
    /// What is wrong with a text value (a glob, a header name), so that the problem is reported at the value.
    public let rule: (@Sendable (String) -> String?)?

    public init(
        _ name: String,
        _ kind: Kind,
        aliases: [String] = [],
        required: Bool = false,
        rule: (@Sendable (String) -> String?)? = nil
    ) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.required = required
        self.rule = rule
    }

    /// Whether `name` is this attribute's name or one of its aliases.
    func answers(to name: String) -> Bool { self.name == name || aliases.contains(name) }
}
