import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import OrderService

/// Counts loads from a cache's loader closure.
final class LoadCounter: Sendable {
    private let loads = Mutex(0)
    func add() { loads.withLock { $0 += 1 } }
    var count: Int { loads.withLock { $0 } }
}

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

    @Test func repeatedReadsHitTheCacheAndHitsAndMissesAreCounted() async throws {
        try await TestService.withClient(Self.configuration()) { client in
            let token = try await client.user("cached")
            let id = try #require(try await client.placeOrder(token: token).object["id"] as? String)
            for _ in 0..<3 { _ = try await client.send(.get, "/api/v1/orders/\(id)", token: token) }
            #expect(try await client.metric("order_cache_misses_total") == 1)
            #expect(try await client.metric("order_cache_hits_total") == 2)
            #expect(try await client.metric("order_cache_entries") == 1)
        }
    }

    static let order = Order(
        id: "o-1",
        userID: 1,
        status: .created,
        items: [],
        totalCents: 0,
        createdAtMillis: 0
    )

    static func cache(ttl: Duration) -> OrderCache {
        let metrics = ServiceMetrics()
        return OrderCache(
            CacheSettings(ttl: ttl, maxEntries: 2),
            flags: FeatureFlagStore(FeatureFlags(), metrics: metrics),
            metrics: metrics
        )
    }

    @Test func anEntryIsServedUntilItsTTLAndTheLeastRecentlyUsedGoesWhenFull() async throws {
        let cache = Self.cache(ttl: .seconds(10))
        let start = ContinuousClock.now
        let loads = LoadCounter()
        func read(_ id: String, at offset: Duration) async throws -> Order? {
            try await cache.order(id: id, now: start + offset) {
                loads.add()
                return Self.order
            }
        }
        _ = try await read("a", at: .zero)
        _ = try await read("a", at: .seconds(9))
        #expect(loads.count == 1, "fresh for 10 s")
        _ = try await read("a", at: .seconds(10))
        #expect(loads.count == 2, "expired at the TTL")
        _ = try await read("b", at: .seconds(10))
        _ = try await read("c", at: .seconds(10))
        #expect(cache.count == 2, "bounded by maxEntries")
        _ = try await read("a", at: .seconds(11))
        #expect(loads.count == 5, "a was the least recently used, so it went")
    }

    @Test func aReadThatRacesAWriteDoesNotPutTheOldOrderBack() async throws {
        let cache = Self.cache(ttl: .seconds(10))
        let loaded = try await cache.order(id: "o-1") {
            // A write commits and invalidates while this read is at the database.
            cache.invalidate(id: "o-1")
            return Self.order
        }
        #expect(loaded == Self.order)
        #expect(cache.count == 0, "the stale result was not stored")
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
