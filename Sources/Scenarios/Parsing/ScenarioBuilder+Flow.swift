import Foundation
import Yams

extension ScenarioBuilder {
    static let stepKeys =
        ["name", "headers", "query", "json", "body", "capture", "check", "think", "timeout"]
        + HTTPMethod.allCases.map(\.key)

    /// Resolves a variable name against what is known at this point of the flow.
    func resolver() -> (String) -> Int? {
        let known = known
        let variables = variables
        return { name in known.contains(name) ? variables.slot(of: name) : nil }
    }

    mutating func readDefaults(_ node: Node) -> Defaults {
        guard let fields = context.mapping(node, "defaults", allowed: ["headers", "timeout", "think", "http"]) else {
            return Defaults()
        }
        let headers = fields["headers"].map { readHeaders($0) } ?? []
        let timeout = fields["timeout"].flatMap { context.duration($0, "timeout") } ?? Defaults.defaultTimeout
        let think = fields["think"].flatMap(context.thinkTime)
        let http = fields["http"].flatMap(readHTTPVersion) ?? .auto
        return Defaults(headers: headers, timeout: timeout, think: think, http: http)
    }

    /// `http: auto | 1.1 | 2`; YAML reads `1.1` and `2` as numbers, so the scalar's text is compared.
    private func readHTTPVersion(_ node: Node) -> HTTPVersionPreference? {
        guard let text = context.string(node, "an HTTP version: auto, 1.1 or 2") else { return nil }
        let spelled = ["1": "1.1", "1.1": "1.1", "http/1.1": "1.1", "2": "2", "2.0": "2", "h2": "2", "auto": "auto"]
        guard let value = spelled[text.lowercased()].flatMap(HTTPVersionPreference.init(rawValue:)) else {
            context.error(node, "expected an HTTP version: auto, 1.1 or 2, found \"\(text)\"")
            return nil
        }
        return value
    }

    mutating func readFlow(_ node: Node, defaults: Defaults) -> [Step] {
        guard let items = context.sequence(node, "a list of steps") else { return [] }
        if items.isEmpty { context.error(node, "expected at least one step in the flow, found an empty list") }
        var names: [String: SourceLocation] = [:]
        var steps: [Step] = []
        for item in items {
            guard let step = readStep(item, defaults: defaults) else { continue }
            if case .request(let request) = step {
                if let first = names[request.name] {
                    context.error(
                        request.location,
                        "duplicate step name \"\(request.name)\" (first used at \(first)); names key the report"
                    )
                }
                names[request.name] = request.location
            }
            steps.append(step)
        }
        if !items.isEmpty, !steps.contains(where: { if case .request = $0 { true } else { false } }),
            context.diagnostics.isEmpty
        {
            context.error(
                node,
                "the flow has no request: expected at least one step with get, post, put, patch, delete, head or options"
            )
        }
        return steps
    }

    private mutating func readStep(_ node: Node, defaults: Defaults) -> Step? {
        guard let fields = context.mapping(node, "a step", allowed: Self.stepKeys) else { return nil }
        let methods = HTTPMethod.allCases.filter { fields.has($0.key) }
        if methods.isEmpty {
            guard fields.entries.count == 1, let think = fields["think"] else {
                context.error(
                    fields.location,
                    "a step needs a method key (get, post, put, patch, delete, head, options) with a path or URL, or only \"think\""
                )
                return nil
            }
            return context.thinkTime(think).map { .think($0, fields.location) }
        }
        guard methods.count == 1, let method = methods.first else {
            context.error(
                fields.location,
                "a step sends one request; found \(methods.map(\.key).joined(separator: " and "))"
            )
            return nil
        }
        return readRequest(fields, method: method, defaults: defaults).map(Step.request)
    }

    private mutating func readRequest(_ fields: Fields, method: HTTPMethod, defaults: Defaults) -> RequestStep? {
        let urlNode = fields[method.key]!
        let url = readRequestURL(urlNode, query: fields["query"])
        let name = fields["name"].flatMap { context.string($0, "a step name") }
        var headers = fields["headers"].map { readHeaders($0) } ?? []
        let body = readBody(fields)
        if body?.kind == .json, !headers.contains(where: { $0.name.lowercased() == "content-type" }),
            !defaults.headers.contains(where: { $0.name.lowercased() == "content-type" })
        {
            headers.append(Header(name: "Content-Type", value: .constant("application/json", escaping: .header)))
        }
        let merged =
            defaults.headers.filter { header in
                !headers.contains { $0.name.lowercased() == header.name.lowercased() }
            } + headers
        let checks = fields["check"].map(readChecks) ?? []
        let captures = fields["capture"].map { readCaptures($0) } ?? []
        let think = fields["think"].flatMap(context.thinkTime) ?? defaults.think
        let timeout = fields["timeout"].flatMap { context.duration($0, "timeout") } ?? defaults.timeout
        guard let url else { return nil }
        return RequestStep(
            name: name ?? "\(method.rawValue) \(urlNode.scalar?.string ?? "")",
            method: method,
            url: url,
            headers: merged,
            body: body,
            captures: captures,
            checks: checks,
            think: think,
            timeout: timeout,
            location: fields.location
        )
    }

    mutating func readHeaders(_ node: Node) -> [Header] {
        guard let fields = context.mapping(node, "headers", allowed: []) else { return [] }
        let resolve = resolver()
        return fields.entries.compactMap { entry in
            guard HeaderName.isValid(entry.key) else {
                context.error(
                    entry.keyNode,
                    "\"\(entry.key)\" is not a valid header name (letters, digits and !#$%&'*+-.^_`|~)"
                )
                return nil
            }
            if let text = entry.value.scalar?.string, text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
            {
                context.error(entry.value, "a header value cannot hold a line break")
                return nil
            }
            return context.template(entry.value, escaping: .header, resolve: resolve, what: "a header value").map {
                Header(name: entry.key, value: $0)
            }
        }
    }

    private mutating func readBody(_ fields: Fields) -> RequestBody? {
        switch (fields["json"], fields["body"]) {
        case (.some(let json), .some):
            context.error(json, "give either \"json\" or \"body\", not both")
            return nil
        case (.some(let json), nil):
            return JSONBodyCompiler.compile(json, context: context, resolve: resolver()).map {
                RequestBody(kind: .json, template: $0)
            }
        case (nil, .some(let raw)):
            return context.template(raw, escaping: .none, resolve: resolver(), what: "a body (text)").map {
                RequestBody(kind: .raw, template: $0)
            }
        case (nil, nil):
            return nil
        }
    }
}

/// HTTP header-name syntax (RFC 9110 token).
enum HeaderName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
            }
    }
}
