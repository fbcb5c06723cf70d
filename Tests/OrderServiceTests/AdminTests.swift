import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

@Suite struct AdminTests {
    @Test func anAssignedAdminRoleTakesEffectAtTheNextLogin() async throws {
        try await TestService.withClient { client in
            let id = try await client.register("promoted")
            let admin = try await client.adminToken()
            let response = try await client.send(
                .put,
                "/api/v1/admin/users/\(id)/role",
                token: admin,
                json: #"{"role":"admin"}"#
            )
            #expect(response.status == .ok)
            #expect(response.object["role"] as? String == "admin")
            let token = try await client.login("promoted")
            let keys = try await client.send(.post, "/api/v1/admin/api-keys", token: token, json: #"{"name":"k"}"#)
            #expect(keys.status == .created)
        }
    }

    @Test(arguments: [
        ("/api/v1/admin/users/999/role", #"{"role":"admin"}"#, 404, "not-found"),
        ("/api/v1/admin/users/abc/role", #"{"role":"admin"}"#, 404, "not-found"),
        ("/api/v1/admin/users/1/role", #"{"role":"root"}"#, 400, "invalid-field"),
        ("/api/v1/admin/users/1/role", #"{"role":"admin","why":"x"}"#, 400, "unknown-field"),
    ])
    func badRoleAssignmentsAreProblems(uri: String, body: String, status: Int, code: String) async throws {
        try await TestService.withClient { client in
            let admin = try await client.adminToken()
            let response = try await client.send(.put, uri, token: admin, json: body)
            #expect(response.status.code == status)
            #expect(response.problemCode == code)
        }
    }

    @Test func anAPIKeyReadsOrdersUntilItIsRevoked() async throws {
        try await TestService.withClient { client in
            let admin = try await client.adminToken()
            let user = try await client.user("customer")
            let orderID = try #require(try await client.placeOrder(token: user).object["id"] as? String)
            let created = try await client.send(.post, "/api/v1/admin/api-keys", token: admin, json: #"{"name":"erp"}"#)
            #expect(created.status == .created)
            let key = try #require(created.object["key"] as? String)
            let keyID = try #require(created.object["id"] as? String)
            let headers: HTTPFields = [HTTPField.Name("X-API-Key")!: key]
            let read = try await client.send(.get, "/api/v1/integrations/orders/\(orderID)", headers: headers)
            #expect(read.status == .ok)
            #expect(read.object["id"] as? String == orderID)
            let missing = try await client.send(.get, "/api/v1/integrations/orders/none", headers: headers)
            #expect(missing.status == .notFound)
            #expect(
                try await client.send(.delete, "/api/v1/admin/api-keys/\(keyID)", token: admin).status == .noContent
            )
            let revoked = try await client.send(.get, "/api/v1/integrations/orders/\(orderID)", headers: headers)
            #expect(revoked.status == .unauthorized)
            #expect(revoked.problemCode == "invalid-api-key")
            let unknown = try await client.send(.delete, "/api/v1/admin/api-keys/nope", token: admin)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func keysAreStoredOnlyAsDigests() async throws {
        let key = APIKeyCodec.generateKey()
        #expect(key.hasPrefix("osk_") && key.count == 68)
        #expect(APIKeyCodec.digest(of: key).count == 64)
        #expect(APIKeyCodec.digest(of: key) != key)
        #expect(APIKeyCodec.generateKey() != key)
    }
}
