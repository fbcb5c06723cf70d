import Foundation

/// Finds values the service handed out (a token in a JSON body, an id, a `Location` or `ETag` header) that
/// reappear in later requests, and turns each into a capture on the step that received it and a `${hole}` where
/// it is used, as Gatling's recorder and k6 Studio do.
///
///     response i ──▶ candidates (value → where: $.token, header ETag)      the first response wins
///     request  j ──▶ every candidate of responses i < j found in its path, query, headers and body
///                    becomes ${name}; the candidate's step gains `capture: { name: … }`
///
/// A value the client sent before any response held it (a username it chose) is the client's own: it stays a
/// literal. Only values distinctive enough to be found by text are candidates (see ``isDistinctive(_:)``).
struct Correlator {
    /// Where a candidate value was found in a response.
    struct Provider {
        let step: Int
        let source: CaptureDraft
        let suggestedName: String
        /// A JSON number: it may replace only whole values, never text inside a string.
        let isNumber: Bool
        /// Too short to be found by text (a `Location` vouched for it): it too replaces only whole values.
        var wholeOnly = false
    }

    /// The value → provider table.
    private var providers: [String: Provider] = [:]
    /// The variable name given to each provider that was used, by value.
    private(set) var names: [String: String] = [:]
    /// Captures to add, per step.
    private(set) var captures: [Int: [(variable: String, source: CaptureDraft)]] = [:]
    private var taken: Set<String>
    /// Everything the client sent so far, to tell its own values from the service's.
    private var sent: [String] = []
    /// Each response's JSON values with where they are, whatever their length: a `Location` can vouch for a
    /// short id that ``isDistinctive(_:)`` would not (see ``follow(_:segments:)``).
    var bodyValues: [Int: [(value: String, provider: Provider)]] = [:]
    /// The `Location` each response gave, as origin + path, with the path segments it added to its request's.
    var locations: [(step: Int, url: String, newSegments: [String])] = []

    init(reservedNames: Set<String>) {
        taken = reservedNames
    }

    /// Text sent by the client in one request (its URL, header values and body), seen before its response.
    mutating func noteSent(_ text: String) { sent.append(text) }

    /// Adds the candidates of one response, unless the client sent the value first.
    mutating func offer(step: Int, noun: String, json: JSONTree?, headers: [(name: String, value: String)]) {
        if let json {
            var found: [(String, String, Bool)] = []
            Self.leaves(of: json, path: "$", into: &found)
            // The first place a value appears in a response is where it is captured from.
            for (path, value, isNumber) in found.reversed() {
                offer(
                    value,
                    Provider(step: step, source: .json(path), suggestedName: Self.name(path, noun), isNumber: isNumber)
                )
            }
            bodyValues[step] = found.map { path, value, isNumber in
                let provider = Provider(
                    step: step,
                    source: .json(path),
                    suggestedName: Self.name(path, noun),
                    isNumber: isNumber
                )
                return (value: value, provider: provider)
            }
        }
        for header in headers {
            switch header.name.lowercased() {
            case "location":
                offer(
                    header.value,
                    Provider(step: step, source: .header("Location"), suggestedName: noun + "Location", isNumber: false)
                )
            case "etag":
                offer(
                    header.value,
                    Provider(step: step, source: .header("ETag"), suggestedName: noun + "Etag", isNumber: false)
                )
            default: break
            }
        }
    }

    /// Adds one candidate. A `vouched` one (a `Location` names it, its body holds it) needs no length and may
    /// have been sent before: capturing it from the body is right either way.
    mutating func offer(_ value: String, _ provider: Provider, vouched: Bool = false) {
        guard vouched || (provider.isNumber ? value.count >= 3 : Self.isDistinctive(value)) else { return }
        // The response that handed a value out first is where it comes from (a later read echoes it).
        guard providers[value] == nil, vouched || !sent.contains(where: { $0.contains(value) }) else { return }
        var provider = provider
        provider.wholeOnly = vouched && !Self.isDistinctive(value)
        providers[value] = provider
    }

    /// Whether some response handed `value` out.
    func hasCandidate(_ value: String) -> Bool { providers[value] != nil }

    /// Whether a string is specific enough that finding it in a later request is no coincidence: at least 8
    /// characters with a digit (ids, UUIDs), or at least 16 (tokens, opaque cursors), and no spaces.
    static func isDistinctive(_ value: String) -> Bool {
        guard !value.contains(" ") else { return false }
        return (value.count >= 8 && value.contains(where: \.isNumber)) || value.count >= 16
    }

    /// Rewrites raw text as template text, each candidate found in it becoming its hole.
    mutating func templated(_ raw: String) -> String {
        let bytes = Array(raw.utf8)
        let candidates = providers.filter { !$0.value.isNumber && !$0.value.wholeOnly }.keys.sorted {
            $0.utf8.count > $1.utf8.count
        }
        guard !candidates.isEmpty, candidates.contains(where: raw.contains) else { return TemplateText.literal(raw) }
        let needles = candidates.map { ($0, Array($0.utf8)) }
        var out = ""
        var literal: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if let (value, needle) = needles.first(where: { bytes[index...].starts(with: $0.1) }) {
                out += TemplateText.literal(String(decoding: literal, as: UTF8.self))
                literal = []
                out += "${\(use(value))}"
                index += needle.count
            } else {
                literal.append(bytes[index])
                index += 1
            }
        }
        return out + TemplateText.literal(String(decoding: literal, as: UTF8.self))
    }

    /// A whole value (a path segment, a query value, a JSON number): the hole of a candidate equal to it.
    mutating func whole(_ raw: String) -> String? {
        guard providers[raw] != nil else { return nil }
        return "${\(use(raw))}"
    }

    /// A JSON request body with candidates replaced: inside strings as text, numbers only whole.
    mutating func templated(_ tree: JSONTree) -> DraftValue {
        switch tree {
        case .string(let text):
            if providers[text]?.wholeOnly == true { return .string("${\(use(text))}") }
            return .string(templated(text))
        case .number(let text):
            if let provider = providers[text], provider.isNumber { return .hole("${\(use(text))}") }
            return .number(text)
        case .array(let items): return .array(items.map { templated($0) })
        case .object(let members): return .object(members.map { ($0.key, templated($0.value)) })
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        }
    }

    /// The variable of a candidate, named and captured on first use.
    private mutating func use(_ value: String) -> String {
        if let name = names[value] { return name }
        let provider = providers[value]!
        // A value can reach a step from two places of one response (a body's id and its Location): one capture.
        if let existing = captures[provider.step]?.first(where: { $0.source == provider.source }) {
            names[value] = existing.variable
            return existing.variable
        }
        var name = provider.suggestedName
        var suffix = 2
        while taken.contains(name) {
            name = provider.suggestedName + String(suffix)
            suffix += 1
        }
        taken.insert(name)
        names[value] = name
        captures[provider.step, default: []].append((name, provider.source))
        return name
    }

    /// Every string and integer leaf of a JSON value with its path in the scenario's JSON path syntax.
    static func leaves(of tree: JSONTree, path: String, into found: inout [(String, String, Bool)]) {
        switch tree {
        case .string(let text): found.append((path, text, false))
        case .number(let text) where !text.contains(".") && !text.contains("e") && !text.contains("E"):
            found.append((path, text, true))
        case .array(let items):
            for (index, item) in items.enumerated() { leaves(of: item, path: "\(path)[\(index)]", into: &found) }
        case .object(let members):
            for member in members {
                leaves(of: member.value, path: JSONPath.appending(member.key, to: path), into: &found)
            }
        default: break
        }
    }

    /// A variable name for a JSON path: its last key, prefixed with the resource's noun when the key alone says
    /// little (`id` in the answer to `POST /orders` is `orderId`).
    static func name(_ path: String, _ noun: String) -> String {
        let last = JSONPath.lastKey(path) ?? "value"
        let key = TemplateText.identifier(last)
        let generic: Set = ["id", "uuid", "key", "value", "location", "href", "url", "etag", "version", "name"]
        guard generic.contains(key.lowercased()) else { return key }
        return noun + key.prefix(1).uppercased() + key.dropFirst()
    }
}

/// The scenario's JSON path subset: `$`, `.name`, `['name']`, `[index]`.
enum JSONPath {
    static func appending(_ key: String, to path: String) -> String {
        let plain =
            key.first.map { $0 == "_" || $0.isLetter } == true
            && key.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        return plain ? "\(path).\(key)" : "\(path)['\(key.replacingOccurrences(of: "'", with: "\\'"))']"
    }

    static func lastKey(_ path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.hasSuffix("]"), let open = trimmed.lastIndex(of: "["), !trimmed[open...].contains("'") {
            trimmed = trimmed[..<open]
        }
        if trimmed.hasSuffix("']"), let open = trimmed.range(of: "['", options: .backwards) {
            return String(trimmed[open.upperBound..<trimmed.index(trimmed.endIndex, offsetBy: -2)])
        }
        guard let dot = trimmed.lastIndex(of: ".") else { return nil }
        return String(trimmed[trimmed.index(after: dot)...])
    }
}
