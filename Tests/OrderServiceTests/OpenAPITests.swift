import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

/// The served document and the router must describe the same set of routes, no more, no less.
@Suite struct OpenAPITests {
    @Test func theDocumentAndTheRouterListTheSameRoutes() async throws {
        let router = try await buildRouter(.testing())
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let document = try Self.servedDocument()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(
            routed == documented,
            "only routed: \(routed.subtracting(documented)), only documented: \(documented.subtracting(routed))"
        )
        #expect(document["openapi"] as? String == "3.1.0")
    }

    @Test func everySchemaReferenceResolvesAndRequestBodiesAreClosed() throws {
        let document = try Self.servedDocument()
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let text = String(decoding: OpenAPIDocument.json, as: UTF8.self)
        let references = text.components(separatedBy: "#/components/schemas/").dropFirst()
            .map { String($0.prefix { $0 != "\"" }) }
        #expect(!references.isEmpty)
        for name in references { #expect(schemas[name] != nil, "unresolved $ref \(name)") }
        for name in ["Credentials", "Login", "CreateOrder", "CreateOrderItem", "RoleAssignment", "NewAPIKey"] {
            #expect(schemas[name]?["additionalProperties"] as? Bool == false, "\(name) should refuse unknown fields")
        }
    }

    @Test func theDocumentIsServed() async throws {
        try await TestService.withClient { client in
            let response = try await client.send(.get, "/openapi.json")
            #expect(response.status == .ok)
            #expect(Data(response.body.readableBytesView) == OpenAPIDocument.json)
        }
    }

    @Test func theStatusesSchemathesisFoundUndocumentedAreDocumented() throws {
        let paths = try #require(try Self.servedDocument()["paths"] as? [String: [String: [String: Any]]])
        func statuses(_ method: String, _ path: String) -> Set<String> {
            Set((paths[path]?[method]?["responses"] as? [String: Any])?.keys.map { $0 } ?? [])
        }
        #expect(statuses("post", "/api/v1/auth/login").isSuperset(of: ["200", "400", "401", "413", "429"]))
        #expect(statuses("get", "/api/v1/orders").isSuperset(of: ["200", "400", "401", "429"]))
        #expect(statuses("post", "/api/v1/orders/{id}/cancel").contains("409"))
        for (path, operations) in paths where path.hasPrefix("/api/v1/") {
            for (method, _) in operations { #expect(statuses(method, path).isSuperset(of: ["429", "500"]), "\(path)") }
        }
    }

    /// For every ASCII scalar and a few others, at every length around the bounds, the served schema of a
    /// constrained string and the validator that enforces it agree on what is accepted.
    @Test func eachDocumentedStringConstraintMatchesItsValidator() throws {
        let schemas = try Self.schemas()
        let credentials = try #require(schemas["Credentials"]?["properties"] as? [String: [String: Any]])
        let parameters = try #require(
            ((try Self.servedDocument()["paths"] as? [String: [String: [String: Any]]])?["/api/v1/orders"]?["post"]?[
                "parameters"
            ]) as? [[String: Any]]
        )
        let key = try #require(
            parameters.first { $0["name"] as? String == "Idempotency-Key" }?["schema"] as? [String: Any]
        )
        let checks: [(String, [String: Any], String, (String) -> Bool)] = [
            ("username", try #require(credentials["username"]), "abc", { Self.registers(username: $0) }),
            ("password", try #require(credentials["password"]), "secretpw", { Self.registers(password: $0) }),
            (
                "Idempotency-Key", key, "k",
                { InputRules.idempotencyKeyCharacters.accepts($0, length: InputRules.idempotencyKeyLength) }
            ),
        ]
        let scalars = (0...127).compactMap(Unicode.Scalar.init) + ["é", "\u{00A0}", "\u{2028}", "😀", "\u{0301}"]
        for (name, schema, valid, validator) in checks {
            let minimum = try #require(schema["minLength"] as? Int), maximum = try #require(schema["maxLength"] as? Int)
            for scalar in scalars {
                let candidate = String(valid.unicodeScalars.dropLast()) + String(scalar)
                #expect(
                    Self.conforms(candidate, to: schema) == validator(candidate),
                    "\(name) with \(scalar.escaped(asASCII: true))"
                )
            }
            for length in [0, minimum - 1, minimum, minimum + 1, maximum - 1, maximum, maximum + 1] where length >= 0 {
                let candidate = String(repeating: String(valid.unicodeScalars.last!), count: length)
                #expect(Self.conforms(candidate, to: schema) == validator(candidate), "\(name) of length \(length)")
            }
        }
        let name = try #require((schemas["NewAPIKey"]?["properties"] as? [String: [String: Any]])?["name"])
        #expect(name["minLength"] as? Int == InputRules.apiKeyNameLength.lowerBound)
        #expect(name["maxLength"] as? Int == InputRules.apiKeyNameLength.upperBound)
    }

    /// The order schema's bounds are where `draft()` starts refusing, and its product ids are the catalogue's.
    @Test func theOrderSchemaMatchesItsValidator() throws {
        let schemas = try Self.schemas()
        let items = try #require((schemas["CreateOrder"]?["properties"] as? [String: [String: Any]])?["items"])
        let line = try #require(schemas["CreateOrderItem"]?["properties"] as? [String: [String: Any]])
        let minItems = try #require(items["minItems"] as? Int), maxItems = try #require(items["maxItems"] as? Int)
        let minimum = try #require(line["quantity"]?["minimum"] as? Int)
        let maximum = try #require(line["quantity"]?["maximum"] as? Int)
        func accepted(count: Int, quantity: Int) -> Bool {
            let lines = Array(repeating: #"{"productId":"p-1","quantity":\#(quantity)}"#, count: count)
            let body = Data(#"{"items":[\#(lines.joined(separator: ","))]}"#.utf8)
            return
                (try? JSONDecoder().decode(OrderController<SQLiteOrderRepository>.CreateOrderRequest.self, from: body)
                .draft()) != nil
        }
        for count in [minItems - 1, minItems, maxItems, maxItems + 1] {
            #expect(
                accepted(count: count, quantity: minimum) == (minItems...maxItems).contains(count),
                "\(count) items"
            )
        }
        for quantity in [minimum - 1, minimum, maximum, maximum + 1] {
            #expect(
                accepted(count: 1, quantity: quantity) == (minimum...maximum).contains(quantity),
                "quantity \(quantity)"
            )
        }
        let ids = try #require(line["productId"]?["enum"] as? [String])
        #expect(ids.count == ProductCatalogue.productCount && ids.first == "p-1" && ids.last == "p-100")
    }

    /// Each request body has an example, and the service accepts it.
    @Test func everyRequestBodyHasAnExampleTheServiceAccepts() async throws {
        let paths = try #require(try Self.servedDocument()["paths"] as? [String: [String: [String: Any]]])
        var found: [String: String] = [:]
        for (path, operations) in paths {
            for (method, operation) in operations {
                guard let body = operation["requestBody"] as? [String: Any] else { continue }
                let media = (body["content"] as? [String: [String: Any]])?["application/json"]
                if let example = media?["example"] {
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: example), as: UTF8.self)
                    found["\(method.uppercased()) \(path)"] = text
                }
                #expect(media?["example"] != nil, "\(method) \(path) has no example")
            }
        }
        let examples = found
        try await TestService.withClient { client in
            func example(_ route: String) throws -> String {
                try #require(examples[route])
            }
            let registered = try await client.send(
                .post,
                "/api/v1/auth/register",
                json: try example("POST /api/v1/auth/register")
            )
            #expect(registered.status == .created)
            let login = try await client.send(.post, "/api/v1/auth/login", json: try example("POST /api/v1/auth/login"))
            #expect(login.status == .ok)
            let token = try #require(login.object["token"] as? String)
            let order = try await client.send(
                .post,
                "/api/v1/orders",
                token: token,
                json: try example("POST /api/v1/orders")
            )
            #expect(order.status == .created)
            let admin = try await client.adminToken()
            let key = try await client.send(
                .post,
                "/api/v1/admin/api-keys",
                token: admin,
                json: try example("POST /api/v1/admin/api-keys")
            )
            #expect(key.status == .created)
            let userID = try #require(registered.object["id"] as? Int)
            let role = try await client.send(
                .put,
                "/api/v1/admin/users/\(userID)/role",
                token: admin,
                json: try example("PUT /api/v1/admin/users/{id}/role")
            )
            #expect(role.status == .ok)
        }
    }

    /// Whether `text` satisfies a string schema's `minLength`, `maxLength` and `pattern` (counted in scalars,
    /// the pattern matched against the whole text, as an ECMA-262 engine anchors `^...$` without a newline
    /// exception).
    static func conforms(_ text: String, to schema: [String: Any]) -> Bool {
        let length = text.unicodeScalars.count
        if let minimum = schema["minLength"] as? Int, length < minimum { return false }
        if let maximum = schema["maxLength"] as? Int, length > maximum { return false }
        guard let pattern = schema["pattern"] as? String else { return true }
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        let whole = NSRange(text.startIndex..., in: text)
        return expression.firstMatch(in: text, range: whole)?.range == whole
    }

    static func registers(username: String = "alice", password: String = "correct horse") -> Bool {
        let body = try? JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        guard let body,
            let credentials = try? JSONDecoder().decode(
                AuthController<SQLiteUserRepository>.Credentials.self,
                from: body
            )
        else { return false }
        return (try? credentials.validateForRegistration()) != nil
    }

    static func schemas() throws -> [String: [String: Any]] {
        try #require((try servedDocument()["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
    }

    @Test func aDocumentedPathAsksForAnotherMethodWith405AndAllow() async throws {
        try await TestService.withClient { client in
            let put = try await client.send(.put, "/api/v1/orders/some-id")
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET")
            #expect(put.problemCode == "method-not-allowed")
            #expect(try await client.send(.delete, "/health").headers[.allow] == "GET")
            #expect(try await client.send(.get, "/no/such/route").status == .notFound)
        }
    }

    static func servedDocument() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json) as? [String: Any])
    }
}
