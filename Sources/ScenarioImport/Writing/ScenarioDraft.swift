import Foundation

/// A scenario on its way to YAML: the documented shape, with comments, before it is written.
///
/// Strings in a draft are *template text*: literal text escaped with ``TemplateText/literal(_:)`` and holes
/// written as `${name}`, exactly as they go into the file.
public struct ScenarioDraft: Sendable {
    /// The header comment lines (without `#`): where the scenario came from and what was left out.
    public var header: [String]
    public var name: String
    /// The base URL, and a comment for its line.
    public var url: String
    public var urlComment: String?
    public var defaultHeaders: [(name: String, value: String)] = []
    public var dataSources: [DataFileDraft] = []
    public var load: String = "{ name: replay, vus: 1, iterations: 1, max-duration: 5m }"
    public var loadComment: String? =
        "one user replays the flow once; raise vus and iterations, or use arrival-rate (see the README)"
    public var steps: [StepDraft] = []
    public var slo: [String] = ["error-rate == 0%"]

    public init(header: [String], name: String, url: String) {
        self.header = header
        self.name = name
        self.url = url
    }
}

/// A data file the scenario names in `data:`, written beside it.
public struct DataFileDraft: Sendable, Equatable {
    /// The source name (`users` gives `${users.column}`).
    public var name: String
    /// Path relative to the scenario file, e.g. `data/users.csv`.
    public var path: String
    public var columns: [String]
    public var rows: [[String]]
    public var comment: String
}

/// One request step, or a pause.
public struct StepDraft: Sendable {
    /// Comment lines written above the step.
    public var comments: [String] = []
    public var name: String
    public var method: String
    /// The path (or full URL), as template text, without the query.
    public var path: String
    public var query: [(name: String, value: String)] = []
    public var headers: [(name: String, value: String)] = []
    public var body: BodyDraft?
    public var captures: [(variable: String, source: CaptureDraft)] = []
    /// The `check: { status: … }` value as written (`200`, `2xx`).
    public var status: String?
    /// A think time literal (`1200ms`).
    public var think: String?

    public init(name: String, method: String, path: String) {
        self.name = name
        self.method = method
        self.path = path
    }
}

/// Where a capture reads its value.
public enum CaptureDraft: Sendable, Equatable {
    case json(String)
    case header(String)
}

/// A request body.
public enum BodyDraft: Sendable {
    case json(DraftValue)
    case text(String)
}

/// A JSON body value as written to YAML: strings are template text, and a hole meant as a bare JSON value
/// (a number, a boolean) is `.hole`.
public indirect enum DraftValue: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    /// A whole value that is one `${…}` hole, written unquoted so that the filled value is sent as bare JSON.
    case hole(String)
    case array([DraftValue])
    case object([(key: String, value: DraftValue)])

    /// The draft of a recorded JSON value: its strings escaped as literal template text.
    public init(literal tree: JSONTree) {
        switch tree {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let text): self = .number(text)
        case .string(let text): self = .string(TemplateText.literal(text))
        case .array(let items): self = .array(items.map(DraftValue.init(literal:)))
        case .object(let members): self = .object(members.map { ($0.key, DraftValue(literal: $0.value)) })
        }
    }
}

/// Template text: what a scenario string holds, where `${` opens a hole and `$${` is a literal `${`.
public enum TemplateText {
    /// `text` as template text that renders exactly to `text`.
    public static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "${", with: "$${")
    }

    /// Whether the text holds a hole.
    public static func hasHole(_ text: String) -> Bool {
        text.replacingOccurrences(of: "$${", with: "").contains("${")
    }

    /// A variable or column name made of what the template grammar allows: letters, digits, `_` and `-`,
    /// starting with a letter or `_`.
    public static func identifier(_ raw: String, fallback: String = "value") -> String {
        var out = ""
        var upperNext = false
        for scalar in raw.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                out.unicodeScalars.append(
                    upperNext && !out.isEmpty ? Character(scalar).uppercased().unicodeScalars.first! : scalar
                )
                upperNext = false
            } else {
                upperNext = true
            }
        }
        guard let first = out.unicodeScalars.first else { return fallback }
        if ("0"..."9").contains(first) { return "_" + out }
        return out
    }
}
