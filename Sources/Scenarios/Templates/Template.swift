/// A string with `${…}` holes, compiled once into segments so each iteration only fills the holes.
///
/// ```
/// "Bearer ${token}"  →  [ literal "Bearer " | variable token (slot 0) ]
/// "p-${randomInt(1, 100)}"  →  [ literal "p-" | function randomInt(1, 100) ]
/// ```
/// Literal parts are stored already escaped for where the template is used (JSON string, query, path, header);
/// the values filled in at render time are escaped the same way. `$${` writes a literal `${`.
public struct Template: Sendable, Equatable, CustomStringConvertible {
    /// One piece of a compiled template.
    public enum Segment: Sendable, Equatable {
        /// Bytes copied as they are.
        case literal([UInt8])
        /// A captured value or data column, by its slot in ``TemplateValues``.
        case variable(slot: Int, name: String)
        /// A built-in function evaluated per render.
        case function(TemplateFunction)
    }

    /// How values filled into the holes are escaped.
    public enum Escaping: Sendable, Equatable {
        /// Copied as they are.
        case none
        /// Inside a JSON string: quotes, backslashes and control characters escaped.
        case json
        /// A query name or value: everything but unreserved characters percent-encoded.
        case query
        /// A path: a value is one segment, so everything but unreserved characters and `:@` is percent-encoded.
        case path
        /// A header value: CR and LF dropped, so a value cannot start a new header.
        case header
    }

    public var segments: [Segment]
    public var escaping: Escaping
    /// The source text the template was compiled from, for messages and reports.
    public var source: String

    public init(segments: [Segment], escaping: Escaping, source: String) {
        self.segments = segments
        self.escaping = escaping
        self.source = source
    }

    /// A template with no holes.
    public static func constant(_ text: String, escaping: Escaping = .none) -> Template {
        Template(segments: [.literal(Array(text.utf8))], escaping: escaping, source: text)
    }

    /// True when rendering always yields the same bytes.
    public var isConstant: Bool {
        segments.allSatisfy {
            if case .literal = $0 { return true }
            return false
        }
    }

    /// The bytes of a constant template, nil when it has holes.
    public var constantBytes: [UInt8]? {
        guard isConstant else { return nil }
        return segments.reduce(into: []) { bytes, segment in
            if case .literal(let literal) = segment { bytes += literal }
        }
    }

    /// Slots of the variables the template reads.
    public var slots: [Int] {
        segments.compactMap {
            if case .variable(let slot, _) = $0 { return slot }
            return nil
        }
    }

    public var description: String { source }
}

/// The built-in functions a template may call.
public enum TemplateFunction: Sendable, Equatable {
    /// `uuid()`: a random version-4 UUID, lower-case.
    case uuid
    /// `randomInt(a, b)`: a uniformly random integer in `a...b`.
    case randomInt(Int, Int)
    /// `randomChoice(a, b, …)`: one of the arguments, uniformly.
    case randomChoice([[UInt8]])
    /// `seq()`: the iteration number, from 0.
    case sequence
    /// `timestamp()` (milliseconds) or `now(unit)` with unit `s`, `ms`, `us` or `ns`: Unix time.
    case timestamp(TimeUnit)

    /// The unit of a timestamp.
    public enum TimeUnit: String, Sendable, CaseIterable {
        case s, ms, us, ns

        @usableFromInline var nanoseconds: Int64 {
            switch self {
            case .s: 1_000_000_000
            case .ms: 1_000_000
            case .us: 1_000
            case .ns: 1
            }
        }
    }

    /// Names of the built-ins, for suggestions.
    public static let names = ["uuid", "randomInt", "randomChoice", "seq", "timestamp", "now"]
}
