import Foundation
import OpenAPIKit

/// Turns an OpenAPI document into a scenario: one step per operation, creates before reads, path parameters
/// captured from the operation that made the resource, bodies from examples or schemas, security as a login step
/// or a header from a data column, and a check on the documented success status.
///
///     operations ─▶ order: unsecured, then the login, then each resource's create · read · list · update ·
///                   actions · delete (resources in document order)
///     201/POST answers with an `id` ─▶ `capture: { orderId: $.id }` ─▶ `/orders/${orderId}`
///     bearer scheme ─▶ login step (a POST answering a token) ─▶ `Authorization: Bearer ${token}`
public enum OpenAPIImporter {
    /// What `ordeal import openapi` was asked.
    public struct Options: Sendable {
        public var source: String
        public var baseURL: String?
        /// Keep the operations an ordinary account cannot pass (see ``isPrivileged(_:among:)``).
        public var includeAdmin: Bool

        public init(source: String, baseURL: String? = nil, includeAdmin: Bool = false) {
            self.source = source
            self.baseURL = baseURL
            self.includeAdmin = includeAdmin
        }
    }

    static let tokenProperties = ["token", "access_token", "accessToken", "jwt", "id_token", "idToken"]
    static let identityProperties: Set = ["username", "email", "login", "user", "handle"]

    /// One operation with what the ordering and correlation need.
    struct Operation {
        let index: Int
        let endpoint: ResolvedEndpoint
        let method: String
        let path: String
        let success: String
        let successCode: Int?
        let responseSchema: DereferencedJSONSchema?
        let responseName: String?
        /// The success response's links (operations its values lead to), in document order.
        let links: OrderedDictionary<String, OpenAPI.Link>
        /// Whether the success response documents a `Location` header.
        let documentsLocation: Bool
        var secured: Bool { !endpoint.security.isEmpty }
        var resource: String {
            String(path.split(separator: "{", maxSplits: 1).first ?? Substring(path)).trimmingSuffix("/")
        }
        var staticSegments: [String] { path.split(separator: "/").map(String.init).filter { !$0.hasPrefix("{") } }
        var hasPathParameters: Bool { path.contains("{") }

        /// Create, read one, list, replace or change, act on one, delete.
        var rank: Int {
            switch method {
            case "POST" where !hasPathParameters: 0
            case "GET" where hasPathParameters: 1
            case "GET": 2
            case "PUT", "PATCH": 3
            case "DELETE": 5
            default: 4
            }
        }
    }

    /// Imports `text`, an OpenAPI 3.0 or 3.1 document in JSON or YAML.
    public static func importScenario(_ text: String, options: Options) throws(ImportError) -> ImportResult {
        let loaded = try OpenAPILoader.load(text, source: options.source)
        let document = loaded.document
        let resolved: ResolvedDocument
        do {
            resolved = try document.locallyDereferenced().resolved()
        } catch {
            if let (pointer, reference) = UnresolvedReference.first(in: loaded.root) {
                throw .malformed(
                    source: options.source,
                    location: pointer,
                    message: "expected \(reference) to name a part of this document: the $ref does not resolve"
                )
            }
            throw .malformed(source: options.source, location: "/", message: OpenAPILoader.oneLine("\(error)"))
        }
        var warnings: [String] = []
        var operations: [Operation] = []
        for (index, endpoint) in resolved.endpoints.enumerated() {
            let method = endpoint.method.rawValue.uppercased()
            guard HARImporter.methods.contains(method) else {
                warnings.append(
                    "\(options.source): \(method) \(endpoint.path.rawValue): skipped: not a method a step can send"
                )
                continue
            }
            let (success, code, response) = successResponse(endpoint)
            operations.append(
                Operation(
                    index: index,
                    endpoint: endpoint,
                    method: method,
                    path: endpoint.path.rawValue,
                    success: success,
                    successCode: code,
                    responseSchema: response.flatMap(jsonContent)?.schema,
                    responseName: code.flatMap { referenceName(document, endpoint, status: $0) },
                    links: response?.links ?? [:],
                    documentsLocation: response?.headers?.keys.contains { $0.lowercased() == "location" } ?? false
                )
            )
        }
        let privileged = operations.filter { isPrivileged($0, among: operations) }
        if !options.includeAdmin {
            for operation in privileged {
                warnings.append(
                    "\(options.source): \(operation.method) \(operation.path): skipped: an ordinary account cannot "
                        + "pass it (\(privilegeReason(operation))); --include-admin keeps it"
                )
            }
            operations.removeAll { operation in privileged.contains { $0.index == operation.index } }
        }
        guard !operations.isEmpty else {
            throw .empty(source: options.source, message: "no operation to import")
        }
        var builder = OperationStepBuilder(source: options.source)
        builder.loginNeedsAdmin = options.includeAdmin && !privileged.isEmpty
        builder.login = operations.filter(isLogin).min { loginScore($0) > loginScore($1) }
        builder.warnings = warnings
        for operation in order(operations, login: builder.login) { builder.add(operation) }
        let (url, urlComment) = baseURL(document, options: options)
        var draft = ScenarioDraft(header: [], name: name(document), url: url)
        draft.urlComment = urlComment
        draft.steps = builder.steps
        draft.dataSources = builder.dataSources
        draft.header = [
            "Imported by `ordeal import openapi` from \(HARImporter.fileName(options.source)) "
                + "(\(document.info.title) \(document.info.version), OpenAPI \(document.openAPIVersion.rawValue)).",
            "\(builder.steps.count) operations, creates before reads; path parameters are captured from the operation "
                + "that made the resource.",
            "Bodies come from the document's examples, or from the schemas' types and constraints: edit them to taste.",
        ]
        if !options.includeAdmin, !privileged.isEmpty {
            draft.header.append(
                "Left out, as an ordinary account cannot pass them (--include-admin keeps them): "
                    + privileged.map { "\($0.method) \($0.path)" }.joined(separator: ", ") + "."
            )
        }
        draft.header.append("Check it with `ordeal validate`, then run it with `ordeal run`.")
        return ImportResult(draft: draft, warnings: builder.warnings)
    }

    /// Whether `operation` needs more than an ordinary logged-in account: it sits under an `admin` path segment,
    /// or it documents `403 Forbidden` where other secured operations of the document do not (when every one
    /// documents 403, it says nothing about privileges).
    static func isPrivileged(_ operation: Operation, among operations: [Operation]) -> Bool {
        guard operation.secured else { return false }
        if operation.path.lowercased().split(separator: "/").contains("admin") { return true }
        return documentsForbidden(operation) && operations.contains { $0.secured && !documentsForbidden($0) }
    }

    static func privilegeReason(_ operation: Operation) -> String {
        operation.path.lowercased().split(separator: "/").contains("admin")
            ? "its path is under /admin" : "it documents 403 Forbidden"
    }

    static func documentsForbidden(_ operation: Operation) -> Bool {
        operation.endpoint.responses.keys.contains { $0.rawValue == "403" }
    }

    /// The order of the steps. Resources that have a create come first (their ids are what the others' path
    /// parameters name), then the rest; each by path, since decoded documents keep no reliable order.
    static func order(_ operations: [Operation], login: Operation?) -> [Operation] {
        let creating = Set(operations.filter { $0.rank == 0 }.map(\.resource))
        func group(_ operation: Operation) -> Int {
            if operation.index == login?.index { return 1 }
            return operation.secured ? 2 : 0
        }
        func key(_ operation: Operation) -> (Int, Int, String, Int, String) {
            (
                group(operation), creating.contains(operation.resource) ? 0 : 1, operation.resource, operation.rank,
                operation.path + " " + operation.method
            )
        }
        return operations.sorted { key($0) < key($1) }
    }

    /// The documented success: the lowest 2xx status, or `2xx` for a range or a default.
    static func successResponse(_ endpoint: ResolvedEndpoint) -> (String, Int?, DereferencedResponse?) {
        let codes = endpoint.responses.compactMap { key, value in Int(key.rawValue).map { ($0, value) } }
            .filter { (200..<300).contains($0.0) }.sorted { $0.0 < $1.0 }
        if let (code, response) = codes.first { return (String(code), code, response) }
        let range = endpoint.responses.first { $0.key.rawValue.uppercased() == "2XX" }?.value
        return ("2xx", nil, range)
    }

    static func jsonContent(_ response: DereferencedResponse) -> DereferencedContent? {
        response.content.first { $0.key.rawValue.lowercased().contains("json") }?.value
    }

    /// The component name of a success response's schema (`User`), which dereferencing forgets.
    static func referenceName(_ document: OpenAPI.Document, _ endpoint: ResolvedEndpoint, status: Int) -> String? {
        guard let item = document.paths[endpoint.path]?.pathItemValue,
            let operation = item.for(endpoint.method),
            let response = operation.responses[OpenAPI.Response.StatusCode(integerLiteral: status)]?.responseValue
        else { return nil }
        let content = response.content.first { $0.key.rawValue.lowercased().contains("json") }?.value
        return content?.b?.schema?.reference?.name
    }

    /// An unsecured POST whose answer holds a token.
    static func isLogin(_ operation: Operation) -> Bool {
        guard operation.method == "POST", !operation.secured, tokenProperty(operation) != nil else { return false }
        return true
    }

    static func tokenProperty(_ operation: Operation) -> String? {
        let properties = propertyNames(operation.responseSchema)
        return tokenProperties.first(where: properties.contains)
    }

    /// The property names of an object schema, those of every part of an `allOf` included.
    static func propertyNames(_ schema: DereferencedJSONSchema?) -> Set<String> {
        switch schema {
        case .object(_, let context)?: Set(context.properties.keys)
        case .all(let parts, _)?: parts.reduce(into: Set<String>()) { $0.formUnion(propertyNames($1)) }
        default: []
        }
    }

    static func loginScore(_ operation: Operation) -> Int {
        let path = operation.path.lowercased()
        return ["login", "token", "signin", "sign-in", "session", "auth"].filter(path.contains).count
    }

    static func baseURL(_ document: OpenAPI.Document, options: Options) -> (String, String?) {
        if let given = options.baseURL { return (given.hasSuffix("/") ? String(given.dropLast()) : given, nil) }
        if let server = document.servers.first?.urlTemplate.absoluteString, server.hasPrefix("http"),
            !server.contains("{")
        {
            return (server.hasSuffix("/") ? String(server.dropLast()) : server, "the document's first server")
        }
        // A document fetched from the service itself: the service is where it came from.
        if options.source.hasPrefix("http://"), let url = URLComponents(string: options.source), url.host != nil {
            return (HARImporter.origin(url), "where the document was fetched (it names no absolute server)")
        }
        return ("http://127.0.0.1:8080", "the document names no absolute server: set the service's address")
    }

    static func name(_ document: OpenAPI.Document) -> String {
        let slug = document.info.title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        return slug.isEmpty ? "openapi" : slug
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) && count > suffix.count ? String(dropLast(suffix.count)) : self
    }
}
