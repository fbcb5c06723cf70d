import Foundation
import OpenAPIKit

/// Builds one step per operation, in the order given: the captures earlier steps offer fill later path
/// parameters, and security schemes become a login capture or a data column.
struct OperationStepBuilder {
    let source: String
    var login: OpenAPIImporter.Operation?
    /// Operations only an administrator passes are in the flow: the login's account must be one.
    var loginNeedsAdmin = false
    var warnings: [String] = []
    private(set) var steps: [StepDraft] = []
    /// Resource noun (`order`, `user`, `apikey`) → the variable holding a created one's id.
    private var createdIDs: [String: String] = [:]
    /// The operation a link leads to (``linkKey(_:)``) → its path parameter → the hole that fills it.
    private var linkedParameters: [String: [String: String]] = [:]
    /// Resource noun → the create that hands its id out only in a `Location` header, for the comment on reads.
    private var locatedOnly: [String: String] = [:]
    private var usedNames = UniqueNames()
    private var usedVariables: Set<String> = ["users", "auth", "token"]
    private var authColumns: [(column: String, comment: String)] = []
    private var loginFile: DataFileDraft?

    init(source: String) { self.source = source }

    var dataSources: [DataFileDraft] {
        var sources: [DataFileDraft] = []
        if let loginFile { sources.append(loginFile) }
        if !authColumns.isEmpty {
            sources.append(
                DataFileDraft(
                    name: "auth",
                    path: "data/auth.csv",
                    columns: authColumns.map(\.column),
                    rows: [authColumns.map { _ in "REPLACE-ME" }],
                    comment: "credentials the document cannot hand out: "
                        + authColumns.map(\.comment).joined(separator: "; ") + ". Put real values in data/auth.csv"
                )
            )
        }
        return sources
    }

    mutating func add(_ operation: OpenAPIImporter.Operation) {
        let endpoint = operation.endpoint
        let label = "\(operation.method) \(operation.path)"
        var step = StepDraft(name: "", method: operation.method, path: "")
        step.status = operation.success
        var comments: [String] = []
        if let summary = endpoint.endpointSummary ?? endpoint.routeSummary { comments.append("\(label): \(summary)") }

        // Path: each {parameter} from the capture of the operation that created its resource, else a sample.
        var segments: [String] = []
        var previous = ""
        for segment in operation.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else {
                segments.append(TemplateText.literal(segment))
                previous = segment
                continue
            }
            let name = String(segment.dropFirst().dropLast())
            let noun = Self.noun(parameter: name, after: previous)
            if let hole = linked(operation)[name] {
                segments.append(hole)
            } else if let variable = createdIDs[noun] {
                segments.append("${\(variable)}")
            } else {
                let parameter = endpoint.parameters.first { $0.name == name && $0.location == .path }
                let value = parameter.map(Self.sample(parameter:)) ?? .string("1")
                segments.append(TemplateText.literal(Self.plain(value)))
                if let create = locatedOnly[noun] {
                    comments.append("\(create) hands the {\(name)} of this path out only as a Location: set it")
                    warnings.append(
                        "\(source): \(label): {\(name)} comes only in the Location of \(create), which a capture "
                            + "cannot fill into a path; a sample value is used"
                    )
                } else {
                    comments.append("no operation creates the {\(name)} of this path: set it")
                    warnings.append("\(source): \(label): no operation creates {\(name)}; a sample value is used")
                }
            }
        }
        step.path = segments.joined(separator: "/")
        for parameter in endpoint.parameters where parameter.location == .query && parameter.required {
            step.query.append((parameter.name, TemplateText.literal(Self.plain(Self.sample(parameter: parameter)))))
        }
        for parameter in endpoint.parameters where parameter.location == .header {
            if parameter.name.lowercased().contains("idempotency") {
                step.headers.append((parameter.name, "${uuid()}"))
            } else if parameter.required {
                step.headers.append(
                    (parameter.name, TemplateText.literal(Self.plain(Self.sample(parameter: parameter))))
                )
            }
        }
        addSecurity(operation, to: &step)
        addBody(operation, to: &step, label: label)
        addCaptures(operation, to: &step)
        step.comments = comments
        step.name = uniqueName(
            endpoint.operationId.map(Self.slug)
                ?? StepBuilder.stepName(
                    method: operation.method,
                    segments: operation.path.split(separator: "/").map { $0.hasPrefix("{") ? "${id}" : String($0) }
                )
        )
        steps.append(step)
    }

    private mutating func addSecurity(_ operation: OpenAPIImporter.Operation, to step: inout StepDraft) {
        guard let requirement = operation.endpoint.security.first else { return }
        for (name, scoped) in requirement.schemes.sorted(by: { $0.key < $1.key }) {
            switch scoped.securityScheme.type {
            case .http(let scheme, _) where scheme.lowercased() == "basic":
                step.headers.append(
                    (
                        "Authorization",
                        "Basic ${auth.\(column(name, "HTTP basic credentials, base64 of user:password"))}"
                    )
                )
            case .http, .oauth2, .openIdConnect:
                if login != nil {
                    step.headers.append(("Authorization", "Bearer ${token}"))
                } else {
                    step.headers.append(("Authorization", "Bearer ${auth.\(column(name, "a bearer token"))}"))
                }
            case .apiKey(let keyName, let location):
                let hole = "${auth.\(column(name, "the \(keyName) API key"))}"
                switch location.rawValue {
                case "query": step.query.append((keyName, hole))
                case "cookie": step.headers.append(("Cookie", "\(keyName)=\(hole)"))
                default: step.headers.append((keyName, hole))
                }
            case .mutualTLS:
                warnings.append("\(source): scheme \(name) is mutual TLS: give the certificate in the scenario's tls:")
            }
        }
    }

    private mutating func column(_ scheme: String, _ what: String) -> String {
        let column = TemplateText.identifier(scheme, fallback: "credential")
        if !authColumns.contains(where: { $0.column == column }) {
            authColumns.append((column, "\(column) is \(what) (security scheme \(scheme))"))
        }
        return column
    }

    private mutating func addBody(_ operation: OpenAPIImporter.Operation, to step: inout StepDraft, label: String) {
        guard let request = operation.endpoint.requestBody else { return }
        guard
            let (type, content) = request.content.first(where: { $0.key.rawValue.lowercased().contains("json") }).map({
                ($0.key, $0.value)
            })
        else {
            let types = request.content.keys.map(\.rawValue).joined(separator: ", ")
            warnings.append("\(source): \(label): request body sent empty: only JSON bodies are built (found \(types))")
            return
        }
        var tree: JSONTree
        if let example = content.example {
            tree = SchemaSampler.tree(example.value)
        } else if let example = content.examples?.first?.value.dataOrLegacyValue?.value {
            tree = SchemaSampler.tree(example)
        } else if let schema = content.schema {
            tree = SchemaSampler.sample(schema)
        } else {
            tree = .object([])
        }
        tree = SchemaSampler.ordered(tree, by: content.schema)
        if type.rawValue.lowercased() != "application/json" { step.headers.append(("Content-Type", type.rawValue)) }
        if operation.index == login?.index, case .object(let members) = tree {
            // The login's credentials come from a data file, one account per row.
            let strings = members.filter { $0.value.string != nil }
            loginFile = DataFileDraft(
                name: "users",
                path: "data/users.csv",
                columns: strings.map { TemplateText.identifier($0.key) },
                rows: [strings.map { $0.value.string! }],
                comment: "accounts \(step.method) \(operation.path) logs in with: the rows must exist in the service"
                    + (loginNeedsAdmin ? " and be allowed the admin operations (--include-admin kept them)" : "")
            )
            step.body = .json(
                .object(
                    members.map { member in
                        member.value.string == nil
                            ? (member.key, DraftValue(literal: member.value))
                            : (member.key, .string("${users.\(TemplateText.identifier(member.key))}"))
                    }
                )
            )
            return
        }
        var draft = DraftValue(literal: tree)
        if operation.method == "POST", case .object(let members) = draft {
            // A create that names an account: a fresh one each iteration, or the second one conflicts.
            draft = .object(
                members.map { member in
                    guard Self.identityProperties(member.key), case .string(let text) = member.value else {
                        return member
                    }
                    if text.contains("@") {
                        let parts = text.split(separator: "@", maxSplits: 1)
                        return (
                            member.key, .string("\(parts[0])+${uuid()}@\(parts.count > 1 ? parts[1] : "example.com")")
                        )
                    }
                    return (member.key, .string("\(text)-${uuid()}"))
                }
            )
        }
        step.body = .json(draft)
    }

    /// `APIKey` → `apiKey`, `User` → `user`: the leading capitals lowered, but the last before a lowercase letter.
    static func lowerCamel(_ name: String) -> String {
        let characters = Array(name)
        var count = characters.prefix { $0.isUppercase }.count
        if count > 1, count < characters.count { count -= 1 }
        return characters.prefix(count).map { $0.lowercased() }.joined() + String(characters.dropFirst(count))
    }

    static func identityProperties(_ name: String) -> Bool {
        OpenAPIImporter.identityProperties.contains(name.lowercased())
    }

    private mutating func addCaptures(_ operation: OpenAPIImporter.Operation, to step: inout StepDraft) {
        if operation.index == login?.index, let property = OpenAPIImporter.tokenProperty(operation) {
            step.captures.append(("token", .json(JSONPath.appending(property, to: "$"))))
            return
        }
        addCreatedID(operation, to: &step)
        addLinks(operation, to: &step)
    }

    /// A create's `id`: a POST on a collection answering 201 or 200 with one fills the path parameters that name
    /// its resource. One that answers only a `Location` is noted, since a captured Location cannot fill a path.
    private mutating func addCreatedID(_ operation: OpenAPIImporter.Operation, to step: inout StepDraft) {
        // Only a create on a collection hands out a new resource; an action on one (`/orders/{id}/cancel`) does not.
        guard operation.method == "POST", !operation.hasPathParameters,
            operation.successCode == 201 || operation.successCode == 200
        else { return }
        var nouns: [String] = []
        if let last = operation.staticSegments.last {
            nouns.append(Self.normal(StepBuilder.singular(last.lowercased())))
        }
        if let name = operation.responseName {
            var noun = name.lowercased()
            if noun.hasPrefix("created"), noun.count > 7 { noun = String(noun.dropFirst(7)) }
            nouns.insert(Self.normal(noun), at: 0)
        }
        nouns = nouns.filter { createdIDs[$0] == nil }
        guard !nouns.isEmpty else { return }
        guard OpenAPIImporter.propertyNames(operation.responseSchema).contains("id") else {
            if operation.documentsLocation, operation.links.isEmpty {
                for noun in nouns where locatedOnly[noun] == nil {
                    locatedOnly[noun] = "\(operation.method) \(operation.path)"
                }
            }
            return
        }
        let variable = newVariable(Self.idBase(operation) + "Id")
        for noun in nouns { createdIDs[noun] = variable }
        step.captures.append((variable, .json("$.id")))
    }

    /// The links of the success response: each parameter of the operation a link leads to becomes a capture of
    /// this step (`$response.body#/id`, `$response.header.X-Id`) or a constant, and fills that operation's path.
    private mutating func addLinks(_ operation: OpenAPIImporter.Operation, to step: inout StepDraft) {
        let label = "\(operation.method) \(operation.path)"
        for (linkName, link) in operation.links {
            let target: String
            switch link.operation {
            case .b(let operationId): target = "op:" + operationId
            case .a(let reference):
                guard let key = Self.linkKey(operationRef: reference.absoluteString) else {
                    warnings.append(
                        "\(source): \(label): link \(linkName): only operationRefs into this document are followed"
                    )
                    continue
                }
                target = key
            }
            for (qualified, value) in link.parameters {
                let parameter = qualified.hasPrefix("path.") ? String(qualified.dropFirst(5)) : qualified
                guard !parameter.contains(".") else { continue }
                switch value {
                case .b(let constant):
                    linkedParameters[target, default: [:]][parameter] = TemplateText.literal(
                        Self.plain(SchemaSampler.tree(constant.value))
                    )
                case .a(.response(.body(let reference))):
                    let path = Self.jsonPath(pointer: reference?.rawValue ?? "#")
                    let variable =
                        step.captures.first { $0.source == .json(path) }?.variable
                        ?? captured(path: path, parameter: parameter, operation, into: &step)
                    linkedParameters[target, default: [:]][parameter] = "${\(variable)}"
                case .a(.response(.header(name: let name))) where name.lowercased() == "location":
                    warnings.append(
                        "\(source): \(label): link \(linkName) fills {\(parameter)} with the Location header, which a "
                            + "capture cannot fill into a path (a value is one path segment); left to the other rules"
                    )
                case .a(.response(.header(name: let name))):
                    let variable =
                        step.captures.first { $0.source == .header(name) }?.variable
                        ?? newVariable(TemplateText.identifier(Self.lowerCamel(name)))
                    if !step.captures.contains(where: { $0.variable == variable }) {
                        step.captures.append((variable, .header(name)))
                    }
                    linkedParameters[target, default: [:]][parameter] = "${\(variable)}"
                case .a(let expression):
                    warnings.append(
                        "\(source): \(label): link \(linkName): \(expression.rawValue) is not a response value; "
                            + "{\(parameter)} is left to the other rules"
                    )
                }
            }
        }
    }

    /// A new capture of `path` for a link parameter, named after the parameter when it says more than `id`.
    private mutating func captured(
        path: String,
        parameter: String,
        _ operation: OpenAPIImporter.Operation,
        into step: inout StepDraft
    ) -> String {
        let key = TemplateText.identifier(parameter)
        let variable = newVariable(key.lowercased() == "id" ? Self.idBase(operation) + "Id" : key)
        step.captures.append((variable, .json(path)))
        return variable
    }

    /// The hole each path parameter of `operation` gets from earlier links, by parameter name.
    private func linked(_ operation: OpenAPIImporter.Operation) -> [String: String] {
        var holes = linkedParameters["\(operation.method) \(operation.path)"] ?? [:]
        if let operationId = operation.endpoint.operationId {
            holes.merge(linkedParameters["op:" + operationId] ?? [:]) { $1 }
        }
        return holes
    }

    /// `#/paths/~1orders~1{id}/get` → `GET /orders/{id}`, the key a link's operationRef leads to.
    static func linkKey(operationRef: String) -> String? {
        let decoded = operationRef.removingPercentEncoding ?? operationRef
        guard decoded.hasPrefix("#/paths/") else { return nil }
        let parts = decoded.dropFirst(8).split(separator: "/").map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        guard parts.count == 2 else { return nil }
        return "\(parts[1].uppercased()) \(parts[0])"
    }

    /// A JSON pointer of a runtime expression (`#/data/id`) as the scenario's JSON path (`$.data.id`).
    static func jsonPath(pointer: String) -> String {
        var path = "$"
        for token in pointer.drop(while: { $0 == "#" }).split(separator: "/") {
            let key = String(token).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let index = Int(key), index >= 0 {
                path += "[\(index)]"
            } else {
                path = JSONPath.appending(key, to: path)
            }
        }
        return path
    }

    /// What a created resource's id variable is named after: the response schema (`User` → `user`), else the
    /// path (`api-keys` → `apiKey`).
    static func idBase(_ operation: OpenAPIImporter.Operation) -> String {
        let base =
            operation.responseName.map { name -> String in
                name.hasPrefix("Created") && name.count > 7 ? String(name.dropFirst(7)) : name
            }.map(Self.lowerCamel)
            ?? TemplateText.identifier(StepBuilder.singular(operation.staticSegments.last ?? "item"))
        return TemplateText.identifier(base)
    }

    /// `name`, or `name2`, `name3`… when taken; from now on taken.
    private mutating func newVariable(_ name: String) -> String {
        var variable = name
        var suffix = 2
        while usedVariables.contains(variable) {
            variable = name + String(suffix)
            suffix += 1
        }
        usedVariables.insert(variable)
        return variable
    }

    /// The resource a path parameter names: `{orderId}` is `order`; `{id}` after `api-keys` is `apikey`.
    static func noun(parameter: String, after segment: String) -> String {
        let lowered = parameter.lowercased()
        for suffix in ["_id", "-id", "id"] where lowered.hasSuffix(suffix) && lowered.count > suffix.count {
            return normal(String(lowered.dropLast(suffix.count)))
        }
        return normal(StepBuilder.singular(segment.lowercased()))
    }

    static func normal(_ noun: String) -> String {
        noun.filter { $0.isLetter || $0.isNumber }
    }

    static func sample(parameter: DereferencedParameter) -> JSONTree {
        if let context = parameter.schemaOrContent.a {
            if let example = context.example { return SchemaSampler.tree(example.value) }
            return SchemaSampler.sample(context.schema)
        }
        return .string("example")
    }

    /// A sampled parameter as text.
    static func plain(_ value: JSONTree) -> String {
        if case .string(let text) = value { return text }
        return value.compactText
    }

    static func slug(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isUppercase, let last = out.last, last != "-" { out += "-" }
            out += character.isLetter || character.isNumber ? character.lowercased() : "-"
        }
        return out.split(separator: "-").joined(separator: "-")
    }

    private mutating func uniqueName(_ name: String) -> String { usedNames.claim(name) }
}
