import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import OrderService

/// Two instances sharing one Redis: one rate limit per client between them, one cache, and no error when Redis
/// is gone.
@Suite struct SharedStateTests {
    /// A configuration on `databasePath` whose per-user reads allow a burst of 5 and then (almost) nothing.
    static func configuration(redis: String?, databasePath: String) -> OrderServiceConfiguration {
        var configuration = OrderServiceConfiguration.testing(admin: TestService.admin)
        configuration.databasePath = databasePath
        configuration.redis = RedisSettings(url: redis, timeout: .seconds(30))
        configuration.rateLimit.perUser.read = RateLimitRule(perSecond: 0.001, burst: 5)
        return configuration
    }

    /// Alternates ten reads of one user between two instances and counts the 429s.
    static func refusalsAlternating(redis: String?) async throws -> Int {
        let folder = try TemporaryFolder(prefix: "shared-limit")
        defer { folder.remove() }
        let path = folder.file("orders.sqlite")
        let first = try await TestService.application(configuration(redis: redis, databasePath: path))
        let second = try await TestService.application(configuration(redis: redis, databasePath: path))
        return try await first.test(.router) { a in
            try await second.test(.router) { b in
                let token = try await a.user("alternating-\(UUID().uuidString.prefix(8))")
                var refused = 0
                for index in 0..<10 {
                    let response = try await (index.isMultiple(of: 2) ? a : b).send(
                        .get,
                        "/api/v1/orders",
                        token: token
                    )
                    #expect(response.status == .ok || response.status == .tooManyRequests)
                    if response.status == .tooManyRequests { refused += 1 }
                }
                return refused
            }
        }
    }

    @Test func aClientAlternatingBetweenTwoInstancesIsLimitedOnceNotTwice() async throws {
        guard let server = try await RedisServer.start() else { return }
        // Shared buckets: 5 of the 10 reads fit the one burst.
        #expect(try await Self.refusalsAlternating(redis: server.url) == 5)
        // In-process buckets: each instance grants its own burst of 5, so nothing is refused.
        #expect(try await Self.refusalsAlternating(redis: nil) == 0)
        await server.stop()
    }

    @Test func aWriteOnOneInstanceIsSeenByTheOtherThroughTheSharedCache() async throws {
        guard let server = try await RedisServer.start() else { return }
        let folder = try TemporaryFolder(prefix: "shared-cache")
        defer { folder.remove() }
        var configuration = Self.configuration(redis: server.url, databasePath: folder.file("orders.sqlite"))
        configuration.cache.ttl = .seconds(600)
        configuration.rateLimit = .beyondAnyLoad
        let first = try await TestService.application(configuration)
        let second = try await TestService.application(configuration)
        try await first.test(.router) { a in
            try await second.test(.router) { b in
                let token = try await a.user("cached")
                let id = try #require(try await a.placeOrder(token: token).object["id"] as? String)
                #expect(
                    try await a.send(.get, "/api/v1/orders/\(id)", token: token).object["status"] as? String
                        == "created"
                )
                #expect(try await a.send(.get, "/api/v1/orders/\(id)", token: token).status == .ok)
                #expect(try await a.metric("order_cache_hits_total") ?? 0 >= 1)
                #expect(try await b.send(.post, "/api/v1/orders/\(id)/cancel", token: token).status == .ok)
                let seen = try await a.send(.get, "/api/v1/orders/\(id)", token: token)
                #expect(seen.object["status"] as? String == "cancelled")
            }
        }
        await server.stop()
    }

    @Test func withRedisGoneLimitsFailOpenTheCacheIsBypassedAndNothingFails() async throws {
        let refusing = try RefusingPort()
        let folder = try TemporaryFolder(prefix: "redis-gone")
        defer { folder.remove() }
        let configuration = Self.configuration(
            redis: "redis://127.0.0.1:\(refusing.port)",
            databasePath: folder.file("o.sqlite")
        )
        try await TestService.withClient(configuration) { client in
            let token = try await client.user("unlimited")
            let id = try #require(try await client.placeOrder(token: token).object["id"] as? String)
            for _ in 0..<10 {
                let response = try await client.send(.get, "/api/v1/orders/\(id)", token: token)
                #expect(response.status == .ok)
            }
            let text = String(buffer: try await client.send(.get, "/metrics").body)
            #expect(text.contains(#"redis_unavailable_total{use="rate-limit"}"#))
            #expect(text.contains(#"redis_unavailable_total{use="cache"}"#))
        }
    }
}
