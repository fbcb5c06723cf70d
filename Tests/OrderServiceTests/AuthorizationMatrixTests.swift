import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

/// Who may do what: every guarded route against every kind of caller.
@Suite struct AuthorizationMatrixTests {
    enum Caller: String, CaseIterable, CustomTestStringConvertible {
        case anonymous, owner, otherUser, admin, apiKey

        var testDescription: String { rawValue }
    }

    /// Expected status per route for each caller, in the order of `routes(orderID:userID:)`.
    static let expected: [Caller: [Int]] = [
        .anonymous: [401, 401, 401, 401, 401, 401, 401],
        .owner: [200, 200, 200, 201, 403, 403, 401],
        .otherUser: [404, 404, 200, 201, 403, 403, 401],
        .admin: [200, 200, 200, 201, 200, 201, 401],
        .apiKey: [401, 401, 401, 401, 401, 401, 200],
    ]

    static func routes(orderID: String, userID: Int) -> [(HTTPRequest.Method, String, String?)] {
        [
            (.get, "/api/v1/orders/\(orderID)", nil),
            (.post, "/api/v1/orders/\(orderID)/cancel", nil),
            (.get, "/api/v1/orders", nil),
            (.post, "/api/v1/orders", #"{"items":[{"productId":"p-2","quantity":1}]}"#),
            (.put, "/api/v1/admin/users/\(userID)/role", #"{"role":"user"}"#),
            (.post, "/api/v1/admin/api-keys", #"{"name":"partner"}"#),
            (.get, "/api/v1/integrations/orders/\(orderID)", nil),
        ]
    }

    @Test(arguments: Caller.allCases)
    func everyRouteAnswersEachCallerAsDesigned(caller: Caller) async throws {
        try await TestService.withClient { client in
            let owner = try await client.user("owner")
            let other = try await client.user("other")
            let admin = try await client.adminToken()
            let ownerID = try await client.register("target-user")
            let orderID = try #require(try await client.placeOrder(token: owner).object["id"] as? String)
            let key = try #require(
                try await client.send(.post, "/api/v1/admin/api-keys", token: admin, json: #"{"name":"matrix"}"#)
                    .object["key"] as? String
            )
            let token: String? = [.owner: owner, .otherUser: other, .admin: admin][caller]
            var headers: HTTPFields = [:]
            if caller == .apiKey { headers[HTTPField.Name("X-API-Key")!] = key }
            let statuses = try await Self.routes(orderID: orderID, userID: ownerID).asyncMap { method, uri, json in
                try await client.send(method, uri, token: token, headers: headers, json: json).status.code
            }
            #expect(statuses == Self.expected[caller])
        }
    }

    @Test func aUserListsOnlyTheirOwnOrdersAndAnAdminListsAll() async throws {
        try await TestService.withClient { client in
            let first = try await client.user("first")
            let second = try await client.user("second")
            _ = try await client.placeOrder(token: first)
            _ = try await client.placeOrder(token: second)
            let admin = try await client.adminToken()
            for (token, count) in [(first, 1), (second, 1), (admin, 2)] {
                let page = try await client.send(.get, "/api/v1/orders", token: token)
                #expect((page.object["orders"] as? [Any])?.count == count)
            }
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
