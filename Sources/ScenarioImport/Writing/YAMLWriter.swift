import Foundation

/// Writes a ``ScenarioDraft`` as YAML in the documented scenario shape: block style, one key per line, strings
/// quoted only when YAML would read them as something else.
///
///     # header comment
///     name: …
///     url: …
///     defaults: { headers }
///     data: { source: { csv: path } }      # each with its comment
///     load: [ one phase ]
///     flow: [ steps ]                      # name, method: path, query, headers, json | body, capture, check, think
///     slo: [ … ]
public enum YAMLWriter {
    /// The scenario file's text.
    public static func write(_ draft: ScenarioDraft) -> String {
        var out: [String] = draft.header.map { $0.isEmpty ? "#" : "# \($0)" }
        out.append("name: \(scalar(draft.name))")
        out.append("url: \(scalar(draft.url))" + (draft.urlComment.map { "   # \($0)" } ?? ""))
        if !draft.defaultHeaders.isEmpty {
            out.append("defaults:")
            out.append("  headers:")
            for header in draft.defaultHeaders { out.append("    \(key(header.name)): \(scalar(header.value))") }
        }
        if !draft.dataSources.isEmpty {
            out.append("data:")
            for source in draft.dataSources {
                out.append("  # \(source.comment)")
                out.append("  \(key(source.name)): { csv: \(scalar(source.path)), order: sequential }")
            }
        }
        out.append("load:" + (draft.loadComment.map { "   # \($0)" } ?? ""))
        out.append("  - \(draft.load)")
        out.append("flow:")
        for step in draft.steps { out += lines(of: step) }
        if !draft.slo.isEmpty {
            out.append("slo:")
            for slo in draft.slo { out.append("  - \(scalar(slo))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A CSV file's text (RFC 4180 quoting).
    public static func csv(_ file: DataFileDraft) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([file.columns] + file.rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func lines(of step: StepDraft) -> [String] {
        var out = step.comments.map { "  # \($0)" }
        out.append("  - name: \(scalar(step.name))")
        out.append("    \(step.method.lowercased()): \(scalar(step.path))")
        if !step.query.isEmpty {
            out.append("    query:")
            for item in step.query { out.append("      \(key(item.name)): \(scalar(item.value))") }
        }
        if !step.headers.isEmpty {
            out.append("    headers:")
            for header in step.headers { out.append("      \(key(header.name)): \(scalar(header.value))") }
        }
        switch step.body {
        case .json(let value): out += block(key: "json", value, indent: 4)
        case .text(let text): out.append("    body: \(scalar(text))")
        case nil: break
        }
        if !step.captures.isEmpty {
            out.append("    capture:")
            for capture in step.captures {
                switch capture.source {
                case .json(let path): out.append("      \(key(capture.variable)): \(scalar(path))")
                case .header(let name): out.append("      \(key(capture.variable)): { header: \(scalar(name)) }")
                }
            }
        }
        if let status = step.status { out.append("    check: { status: \(status) }") }
        if let think = step.think { out.append("    think: \(think)") }
        return out
    }

    /// `key: value` in block style, nested values indented below their key.
    static func block(key name: String, _ value: DraftValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            return ["\(pad)\(key(name)):"] + members.flatMap { block(key: $0.key, $0.value, indent: indent + 2) }
        case .array(let items) where !items.isEmpty:
            return ["\(pad)\(key(name)):"] + items.flatMap { item(item: $0, indent: indent + 2) }
        default:
            return ["\(pad)\(key(name)): \(leaf(value))"]
        }
    }

    /// `- value` in block style; an object's first member goes on the dash's line.
    static func item(item value: DraftValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            var lines = members.flatMap { block(key: $0.key, $0.value, indent: indent + 2) }
            lines[0] = pad + "- " + lines[0].dropFirst(indent + 2)
            return lines
        case .array(let items) where !items.isEmpty:
            return ["\(pad)-"] + items.flatMap { item(item: $0, indent: indent + 2) }
        default:
            return ["\(pad)- \(leaf(value))"]
        }
    }

    static func leaf(_ value: DraftValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let text): scalar(text)
        case .hole(let text): text
        case .array: "[]"
        case .object: "{}"
        }
    }

    /// A mapping key: plain when YAML reads it back as the same string.
    static func key(_ text: String) -> String { scalar(text) }

    /// A string scalar: plain when YAML reads it back as the same string, else double-quoted. Strings with a
    /// `${` are always quoted, so a lone hole is never taken for a bare JSON value.
    public static func scalar(_ text: String) -> String {
        needsQuotes(text) ? quoted(text) : text
    }

    static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if first == " " || last == " " || text.contains("${") { return true }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
            // `-x` and `:x` are plain in block context only when not followed by a space; keep it simple: quote.
            return true
        }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return true }
        if text.contains(where: { $0 == "," || $0 == "[" || $0 == "]" || $0 == "{" || $0 == "}" }) { return true }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FEFF}" }) {
            return true
        }
        let lowered = text.lowercased()
        let special: Set = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".nan", ".inf", "-.inf"]
        if special.contains(lowered) { return true }
        // Anything that starts like a number (or a date, or a duration YAML 1.1 might read as sexagesimal).
        if first.isNumber || (first == "." && text.count > 1) || first == "+" { return true }
        return false
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
