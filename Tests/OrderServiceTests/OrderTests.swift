import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

@Suite struct OrderTests {
    @Test func anOrderIsPricedFromTheCatalogueAndCanBeReadBack() async throws {
        try await TestService.withClient { client in
            let token = try await client.user("ann")
            let created = try await client.send(
                .post,
                "/api/v1/orders",
                token: token,
                json: #"{"items":[{"productId":"p-1","quantity":2},{"productId":"p-10","quantity":1}]}"#
            )
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/orders/\(id)")
            #expect(created.object["totalCents"] as? Int == 2 * 199 + 1099)
            #expect(created.object["status"] as? String == "created")
            #expect((created.object["items"] as? [[String: Any]])?.first?["lineTotalCents"] as? Int == 398)
            let fetched = try await client.send(.get, "/api/v1/orders/\(id)", token: token)
            #expect(fetched.status == .ok)
            #expect(fetched.object as NSDictionary == created.object as NSDictionary)
            #expect((created.object["createdAt"] as? String)?.hasSuffix("Z") == true)
        }
    }

    @Test func listingPagesNewestFirstWithACursor() async throws {
        try await TestService.withClient { client in
            let token = try await client.user("lister")
            let other = try await client.user("someone-else")
            _ = try await client.placeOrder(token: other)
            var placed: [String] = []
            for quantity in 1...5 {
                placed.append(
                    try #require(try await client.placeOrder(token: token, quantity: quantity).object["id"] as? String)
                )
            }
            var seen: [String] = []
            var cursor: String?
            for _ in 0..<4 {
                let query = "/api/v1/orders?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.send(.get, query, token: token)
                #expect(page.status == .ok)
                seen += (page.object["orders"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page.object["nextCursor"] as? String
                if cursor == nil { break }
            }
            #expect(seen == placed.reversed())
        }
    }

    @Test(arguments: ["limit=0", "limit=101", "limit=ten", "cursor=%%%", "cursor=bm90LWEtY3Vyc29y"])
    func badListingQueriesAreProblems(query: String) async throws {
        try await TestService.withClient { client in
            let token = try await client.user("querier")
            let response = try await client.send(.get, "/api/v1/orders?\(query)", token: token)
            #expect(response.status == .badRequest)
            #expect(response.problemCode == "invalid-field")
        }
    }

    @Test func cancellingIsIdempotentAndVisible() async throws {
        try await TestService.withClient { client in
            let token = try await client.user("canceller")
            let id = try #require(try await client.placeOrder(token: token).object["id"] as? String)
            for _ in 0..<2 {
                let response = try await client.send(.post, "/api/v1/orders/\(id)/cancel", token: token)
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "cancelled")
            }
            let missing = try await client.send(.post, "/api/v1/orders/nope/cancel", token: token)
            #expect(missing.status == .notFound)
        }
    }

    @Test(arguments: [
        (#"{"items":[]}"#, HTTPResponse.Status.badRequest, "invalid-field"),
        (#"{"items":[{"productId":"p-1","quantity":0}]}"#, .badRequest, "invalid-field"),
        (#"{"items":[{"productId":"p-1","quantity":"2"}]}"#, .badRequest, "invalid-field"),
        (#"{"items":[{"productId":"p-1","quantity":2,"price":1}]}"#, .badRequest, "unknown-field"),
        (#"{"items":[{"productId":"p-1","quantity":2}],"discount":50}"#, .badRequest, "unknown-field"),
        (#"{"items":[{"productId":"p-999","quantity":1}]}"#, .unprocessableContent, "unknown-product"),
        (#"{"items":"#, .badRequest, "malformed-json"),
        ("", .badRequest, "malformed-json"),
    ])
    func badOrdersAreProblemsNeverServerErrors(body: String, status: HTTPResponse.Status, code: String) async throws {
        try await TestService.withClient { client in
            let token = try await client.user("validator")
            let response = try await client.send(.post, "/api/v1/orders", token: token, json: body)
            #expect(response.status == status, "\(String(buffer: response.body))")
            #expect(response.problemCode == code)
            #expect(response.object["detail"] is String)
        }
    }

    @Test func anOversizedBodyIs413() async throws {
        try await TestService.withClient { client in
            let token = try await client.user("big-sender")
            let item = #"{"productId":"p-1","quantity":1},"#
            let body = #"{"items":["# + String(repeating: item, count: 3000) + #"{"productId":"p-1","quantity":1}]}"#
            let response = try await client.send(.post, "/api/v1/orders", token: token, json: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.problemCode == "body-too-large")
        }
    }
}
