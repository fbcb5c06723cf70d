import Foundation

/// The OpenAPI 3.1 document served at `/openapi.json`; a test walks the router against `operations`.
enum OpenAPIDocument {
    /// How a route proves who calls it.
    enum Guard {
        case none, bearer, admin, apiKey
    }

    /// One documented route.
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let guardedBy: Guard
        let request: String?
        let responses: [Int: String?]
    }

    /// Each route's own answers; `responseObjects` adds those of its guards, its body and the `/api/v1` limiter.
    static let operations: [Operation] = [
        .init("GET", "/health", "Liveness probe", .none, nil, [200: "Status"]),
        .init(
            "GET",
            "/ready",
            "Readiness: database reachable and migrated",
            .none,
            nil,
            [200: "Status", 503: "Status"]
        ),
        .init("GET", "/metrics", "Prometheus metrics (text format)", .none, nil, [200: nil]),
        .init("GET", "/openapi.json", "This document", .none, nil, [200: nil]),
        .init("POST", "/api/v1/auth/register", "Register a user", .none, "Credentials", [201: "User", 409: "Problem"]),
        .init(
            "POST",
            "/api/v1/auth/login",
            "Log in for a bearer token",
            .none,
            "Login",
            [200: "Token", 401: "Problem"]
        ),
        .init("GET", "/api/v1/products", "The catalogue with the stock left", .none, nil, [200: "Catalogue"]),
        .init(
            "POST",
            "/api/v1/orders",
            "Place an order (Idempotency-Key honoured)",
            .bearer,
            "CreateOrder",
            [201: "Order", 402: "Problem", 409: "Problem", 422: "Problem", 503: "Problem"]
        ),
        .init(
            "GET",
            "/api/v1/orders",
            "List orders, newest first (admins: every user's)",
            .bearer,
            nil,
            [200: "OrderPage", 400: "Problem"]
        ),
        .init(
            "GET",
            "/api/v1/orders/{id}",
            "Get an order (ETag; If-None-Match gives 304)",
            .bearer,
            nil,
            [200: "Order", 304: nil, 404: "Problem"]
        ),
        .init(
            "POST",
            "/api/v1/orders/{id}/cancel",
            "Cancel an order",
            .bearer,
            nil,
            [200: "Order", 404: "Problem", 409: "Problem"]
        ),
        .init(
            "PUT",
            "/api/v1/admin/users/{id}/role",
            "Assign a role",
            .admin,
            "RoleAssignment",
            [200: "User", 404: "Problem"]
        ),
        .init(
            "POST",
            "/api/v1/admin/api-keys",
            "Create an integration API key",
            .admin,
            "NewAPIKey",
            [201: "CreatedAPIKey"]
        ),
        .init("DELETE", "/api/v1/admin/api-keys/{id}", "Revoke an API key", .admin, nil, [204: nil, 404: "Problem"]),
        .init(
            "GET",
            "/api/v1/admin/integrity",
            "Data integrity: every confirmed order charged once, stock adds up, no saga abandoned",
            .admin,
            nil,
            [200: "Integrity"]
        ),
        .init(
            "GET",
            "/api/v1/integrations/orders/{id}",
            "Read any order (integrations)",
            .apiKey,
            nil,
            [200: "Order", 404: "Problem"]
        ),
    ]

    /// The document as JSON bytes, built once.
    static let json: Data = {
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Ordeal reference order service", "version": "1.0.0"],
            "paths": paths(),
            "components": [
                "schemas": OpenAPISchemas.all,
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"],
                    "apiKey": ["type": "apiKey", "in": "header", "name": "X-API-Key"],
                ],
            ],
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }()

    private static func paths() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method.lowercased()] = operation.object
        }
        return paths
    }
}

extension OpenAPIDocument.Operation {
    init(
        _ method: String,
        _ path: String,
        _ summary: String,
        _ guardedBy: OpenAPIDocument.Guard,
        _ request: String?,
        _ responses: [Int: String?]
    ) {
        self.init(
            method: method,
            path: path,
            summary: summary,
            guardedBy: guardedBy,
            request: request,
            responses: responses
        )
    }

    var object: [String: Any] {
        var object: [String: Any] = ["summary": summary, "responses": responseObjects]
        let parameters =
            pathParameters + (method == "POST" && path == "/api/v1/orders" ? [OpenAPISchemas.idempotencyKey] : [])
            + (method == "GET" && path == "/api/v1/orders" ? OpenAPISchemas.pagingParameters : [])
        if !parameters.isEmpty { object["parameters"] = parameters }
        if let request {
            var media: [String: Any] = ["schema": ["$ref": "#/components/schemas/\(request)"]]
            if let example = OpenAPISchemas.requestExamples[request].flatMap(Self.parse) { media["example"] = example }
            object["requestBody"] = ["required": true, "content": ["application/json": media]]
        }
        switch guardedBy {
        case .none: object["security"] = [[String: [String]]]()
        case .bearer, .admin: object["security"] = [["bearer": [String]()]]
        case .apiKey: object["security"] = [["apiKey": [String]()]]
        }
        return object
    }

    /// Every status this route can answer: its own, plus the problems of its body, its guard and the
    /// `/api/v1` middleware (rate limits, and storage failures answered 500).
    var statuses: [Int: String?] {
        var all = responses
        var problems: [Int] = []
        if request != nil { problems += [400, 413] }
        if guardedBy != .none { problems.append(401) }
        if guardedBy == .admin { problems.append(403) }
        if path.hasPrefix("/api/v1/") { problems += [429, 500] }
        if method == "POST" && path == "/api/v1/orders" { problems.append(400) }  // Idempotency-Key
        for status in problems where all.index(forKey: status) == nil { all[status] = "Problem" }
        return all
    }

    private var responseObjects: [String: Any] {
        var objects: [String: Any] = [:]
        for (status, schema) in statuses {
            var response: [String: Any] = ["description": HTTPStatusText.phrase(status)]
            if let schema {
                let media = schema == "Problem" ? "application/problem+json" : "application/json"
                response["content"] = [media: ["schema": ["$ref": "#/components/schemas/\(schema)"]]]
            }
            if !headers(of: status).isEmpty { response["headers"] = headers(of: status) }
            objects[String(status)] = response
        }
        return objects
    }

    /// The headers a response always carries.
    private func headers(of status: Int) -> [String: Any] {
        func header(_ description: String, _ schema: [String: Any] = ["type": "string"]) -> [String: Any] {
            ["description": description, "required": true, "schema": schema]
        }
        switch status {
        case 401: return ["WWW-Authenticate": header("The scheme to authenticate with")]
        case 429:
            return ["Retry-After": header("Seconds until a request may succeed", ["type": "integer", "minimum": 1])]
        case 201 where path == "/api/v1/orders": return ["Location": header("The new order's URL")]
        case 200 where isOrderRead, 304 where isOrderRead:
            return ["ETag": header("The order's version, for If-None-Match")]
        default: return [:]
        }
    }

    private var isOrderRead: Bool { method == "GET" && path == "/api/v1/orders/{id}" }

    private var pathParameters: [[String: Any]] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { segment in
            let name = String(segment.dropFirst().dropLast())
            let schema: [String: Any] =
                path.contains("/users/") ? ["type": "integer", "format": "int64"] : ["type": "string", "minLength": 1]
            return ["name": name, "in": "path", "required": true, "schema": schema]
        }
    }

    private static func parse(_ json: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(json.utf8))
    }
}

/// Reason phrases for the documented statuses.
enum HTTPStatusText {
    static func phrase(_ status: Int) -> String {
        [
            200: "OK", 201: "Created", 204: "No Content", 304: "Not Modified", 400: "Bad Request",
            401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
            413: "Content Too Large", 422: "Unprocessable Content", 429: "Too Many Requests",
            500: "Internal Server Error", 503: "Service Unavailable",
        ][status] ?? "Status \(status)"
    }
}
