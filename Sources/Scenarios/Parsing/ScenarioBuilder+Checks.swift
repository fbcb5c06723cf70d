import Foundation
import Yams

extension ScenarioBuilder {
    static let checkKeys = ["status", "header", "body", "json"]

    func readChecks(_ node: Node) -> [Check] {
        guard let fields = context.mapping(node, "check", allowed: Self.checkKeys) else { return [] }
        var checks: [Check] = []
        if let status = fields["status"], let set = readStatusSet(status) {
            checks.append(Check(.status(set), location: context.location(status)))
        }
        if let headers = fields["header"] { checks += readHeaderChecks(headers) }
        if let body = fields["body"] { checks += readBodyChecks(body) }
        if let json = fields["json"] { checks += readJSONChecks(json) }
        return checks
    }

    private func readStatusSet(_ node: Node) -> StatusSet? {
        let items: [Node]
        if case .sequence(let sequence) = node { items = Array(sequence) } else { items = [node] }
        var ranges: [ClosedRange<Int>] = []
        for item in items {
            guard let text = context.string(item, "a status (200), class (2xx) or range (200-204)") else { return nil }
            guard let range = StatusSet.parseElement(text) else {
                context.error(
                    item,
                    "expected a status (200), class (2xx) or range (200-204) between 100 and 599, found \"\(text)\""
                )
                return nil
            }
            ranges.append(range)
        }
        if ranges.isEmpty { context.error(node, "expected at least one status, found an empty list") }
        return ranges.isEmpty ? nil : StatusSet(ranges)
    }

    private func readHeaderChecks(_ node: Node) -> [Check] {
        guard let fields = context.mapping(node, "header checks", allowed: []) else { return [] }
        return fields.entries.compactMap { entry in
            let condition: Check.HeaderCondition?
            if case .mapping = entry.value {
                condition = readCondition(entry.value, "a header check") { key, value in
                    switch key {
                    case "equals": checkText(value, "a header value").map { .equals($0) }
                    case "contains": checkText(value, "text to find").map { .contains($0) }
                    default: context.bool(value, key).map { ($0 == (key == "exists")) ? .exists : .absent }
                    }
                }
            } else {
                condition = checkText(entry.value, "a header value").map { .equals($0) }
            }
            return condition.map { Check(.header(name: entry.key, $0), location: context.location(entry.keyNode)) }
        }
    }

    private func readBodyChecks(_ node: Node) -> [Check] {
        if case .mapping = node {
            guard let fields = context.mapping(node, "a body check", allowed: ["contains"]),
                let text = fields.require("contains", context, expected: "text the body must contain")
            else { return [] }
            return checkText(text, "text the body must contain").map {
                [Check(.bodyContains($0), location: context.location(text))]
            } ?? []
        }
        return checkText(node, "text the body must contain").map {
            [Check(.bodyContains($0), location: context.location(node))]
        } ?? []
    }

    /// A check's text compiled as a template, so that `${token}` compares with the captured value; compared raw.
    private func checkText(_ node: Node, _ what: String) -> Template? {
        context.template(node, escaping: .none, resolve: resolver(), what: what)
    }

    /// `equals:` of a JSON check: a string with holes compares as rendered text, anything else as JSON.
    private func jsonEquals(_ node: Node) -> Check.JSONCondition? {
        if case .scalar(let scalar) = node, scalar.string.contains("${"),
            let template = checkText(node, "a value to compare with"), !template.isConstant
        {
            return .equalsText(template)
        }
        return context.jsonValue(node).map { .equals($0) }
    }

    private func readJSONChecks(_ node: Node) -> [Check] {
        guard let fields = context.mapping(node, "JSON checks", allowed: []) else { return [] }
        return fields.entries.compactMap { entry in
            guard let path = readJSONPath(entry.keyNode) else { return nil }
            let condition: Check.JSONCondition?
            if case .mapping = entry.value {
                condition = readCondition(entry.value, "a JSON check") { key, value in
                    switch key {
                    case "equals": jsonEquals(value)
                    case "contains": nil
                    default: context.bool(value, key).map { ($0 == (key == "exists")) ? .exists : .absent }
                    }
                }
            } else {
                condition = jsonEquals(entry.value)
            }
            return condition.map { Check(.json(path, $0), location: context.location(entry.keyNode)) }
        }
    }

    /// A `{equals | contains | exists | absent: …}` mapping with exactly one key.
    private func readCondition<Condition>(_ node: Node, _ what: String, read: (String, Node) -> Condition?)
        -> Condition?
    {
        let allowed =
            what == "a JSON check" ? ["equals", "exists", "absent"] : ["equals", "contains", "exists", "absent"]
        guard let fields = context.mapping(node, what, allowed: allowed) else { return nil }
        guard fields.entries.count == 1, let entry = fields.entries.first else {
            context.error(fields.location, "expected exactly one of \(allowed.joined(separator: ", ")) in \(what)")
            return nil
        }
        return read(entry.key, entry.value)
    }

    func readJSONPath(_ node: Node) -> JSONPath? {
        guard let text = context.string(node, "a JSON path such as $.token") else { return nil }
        do {
            return try JSONPath.parse(text)
        } catch {
            context.error(context.contentLocation(node).advanced(by: error.offset), error.message)
            return nil
        }
    }

    mutating func readCaptures(_ node: Node) -> [Capture] {
        guard let fields = context.mapping(node, "capture", allowed: []) else { return [] }
        var captures: [Capture] = []
        for entry in fields.entries {
            guard TemplateExpression.isVariableName(entry.key), !entry.key.contains(".") else {
                context.error(
                    entry.keyNode,
                    "\"\(entry.key)\" is not a capture name: expected letters, digits, _ or - without dots"
                )
                continue
            }
            guard let source = readCaptureSource(entry.value) else { continue }
            known.insert(entry.key)
            let slot = variables.declare(entry.key)
            captures.append(
                Capture(name: entry.key, slot: slot, source: source, location: context.location(entry.keyNode))
            )
        }
        return captures
    }

    private func readCaptureSource(_ node: Node) -> Capture.Source? {
        guard case .mapping = node else { return readJSONPath(node).map(Capture.Source.json) }
        guard let fields = context.mapping(node, "a capture", allowed: ["json", "header"]) else { return nil }
        switch (fields["json"], fields["header"]) {
        case (.some(let path), nil): return readJSONPath(path).map(Capture.Source.json)
        case (nil, .some(let header)): return context.string(header, "a header name").map(Capture.Source.header)
        default:
            context.error(
                fields.location,
                "a capture takes exactly one of \"json\" (a JSON path) or \"header\" (a header name)"
            )
            return nil
        }
    }
}
