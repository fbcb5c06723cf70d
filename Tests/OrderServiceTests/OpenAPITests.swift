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
        for name in ["Credentials", "CreateOrder", "CreateOrderItem", "RoleAssignment", "NewAPIKey"] {
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

    static func servedDocument() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json) as? [String: Any])
    }
}
