import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

/// The read-through order cache and conditional GETs, through the router.
@Suite struct OrderCacheTests {
    static func configuration(ttl: Duration = .seconds(30), cache: Bool = true) -> OrderServiceConfiguration {
        var configuration = OrderServiceConfiguration.testing(admin: TestService.admin)
        configuration.cache.ttl = ttl
        configuration.features.cache = cache
        return configuration
    }

    @Test func anETagRoundTripGives304UntilAWriteChangesTheOrder() async throws {
        try await TestService.withClient(Self.configuration()) { client in
            let token = try await client.user("etag")
            let id = try #require(try await client.placeOrder(token: token).object["id"] as? String)
            let first = try await client.send(.get, "/api/v1/orders/\(id)", token: token)
            #expect(first.status == .ok)
            #expect(first.headers[.cacheControl] == "private, no-cache")
            let tag = try #require(first.headers[.eTag])
            let unchanged = try await client.send(
                .get,
                "/api/v1/orders/\(id)",
                token: token,
                headers: [.ifNoneMatch: "\"other\", \(tag)"]
            )
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.readableBytes == 0 && unchanged.headers[.eTag] == tag)
            #expect(try await client.send(.post, "/api/v1/orders/\(id)/cancel", token: token).status == .ok)
            let changed = try await client.send(
                .get,
                "/api/v1/orders/\(id)",
                token: token,
                headers: [.ifNoneMatch: tag]
            )
            #expect(changed.status == .ok, "the cancel invalidated the cached order")
            #expect(changed.object["status"] as? String == "cancelled")
            #expect(changed.headers[.eTag] != tag)
            let list = try await client.send(.get, "/api/v1/orders", token: token)
            #expect(list.headers[.cacheControl] == "private, no-cache")
        }
    }

    @Test func readsHitTheCacheUntilTheTTLAndMissesAreCounted() async throws {
        try await TestService.withClient(Self.configuration(ttl: .milliseconds(300))) { client in
            let token = try await client.user("cached")
            let id = try #require(try await client.placeOrder(token: token).object["id"] as? String)
            for _ in 0..<3 { _ = try await client.send(.get, "/api/v1/orders/\(id)", token: token) }
            #expect(try await client.metric("order_cache_misses_total") == 1)
            #expect(try await client.metric("order_cache_hits_total") == 2)
            #expect(try await client.metric("order_cache_entries") == 1)
            try await Task.sleep(for: .milliseconds(350))
            _ = try await client.send(.get, "/api/v1/orders/\(id)", token: token)
            #expect(try await client.metric("order_cache_misses_total") == 2, "the entry expired")
        }
    }

    @Test func anotherUsersCachedOrderIsStillA404() async throws {
        try await TestService.withClient(Self.configuration()) { client in
            let owner = try await client.user("owner")
            let id = try #require(try await client.placeOrder(token: owner).object["id"] as? String)
            _ = try await client.send(.get, "/api/v1/orders/\(id)", token: owner)
            let stranger = try await client.user("stranger")
            #expect(try await client.send(.get, "/api/v1/orders/\(id)", token: stranger).status == .notFound)
        }
    }

    @Test func switchedOffEveryReadGoesToTheDatabase() async throws {
        try await TestService.withClient(Self.configuration(cache: false)) { client in
            let token = try await client.user("uncached")
            let id = try #require(try await client.placeOrder(token: token).object["id"] as? String)
            for _ in 0..<3 { _ = try await client.send(.get, "/api/v1/orders/\(id)", token: token) }
            #expect(try await client.metric("order_cache_hits_total") == nil)
            #expect(try await client.metric(#"feature_enabled{feature="cache"}"#) == 0)
        }
    }
}
