import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import OrderService

/// Rate limits over real sockets: the headers on every API response, 429 with Retry-After under a burst, per-user
/// buckets, and a bucket table that stays bounded under many distinct client IPs.
@Suite struct RateLimitTests {
    static func configuration(ip: RateLimitRules? = nil, user: RateLimitRules? = nil, maxClients: Int = 10_000)
        -> OrderServiceConfiguration
    {
        var configuration = OrderServiceConfiguration.testing(admin: TestService.admin)
        if let ip { configuration.rateLimit.perIP = ip }
        if let user { configuration.rateLimit.perUser = user }
        configuration.rateLimit.maxClients = maxClients
        return configuration
    }

    /// One token per 100 s: no pause of a busy test process refills a bucket between two requests.
    static func rules(reads: Int, writes: Int) -> RateLimitRules {
        RateLimitRules(read: .init(perSecond: 0.01, burst: reads), write: .init(perSecond: 0.01, burst: writes))
    }

    @Test func aBurstOfWritesFromOneIPGets429WithRetryAfterAndHeadersOnEveryResponse() async throws {
        let app = try await TestService.application(Self.configuration(ip: Self.rules(reads: 100, writes: 3)))
        try await app.test(.live) { client in
            var remaining: [String] = []
            for _ in 0..<3 {
                let response = try await client.send(
                    .post,
                    "/api/v1/auth/login",
                    json: #"{"username":"nobody","password":"wrong-password"}"#
                )
                #expect(response.status == .unauthorized, "an error response still carries the headers")
                #expect(response.headers[.rateLimitLimit] == "3")
                #expect(response.headers[.rateLimitResource] == "ip-write")
                remaining.append(response.headers[.rateLimitRemaining] ?? "absent")
                let reset = try #require(response.headers[.rateLimitReset].flatMap(Double.init))
                #expect(reset >= Date().timeIntervalSince1970.rounded(.down), "epoch seconds in the future")
            }
            #expect(remaining == ["2", "1", "0"])
            let refused = try await client.send(.post, "/api/v1/auth/login", json: #"{"username":"x","password":"y"}"#)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.problemCode == "rate-limited")
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            // One token at 0.01/s is 100 s away, less what refilled while the logins ran (12 s on a starved machine).
            #expect((50...100).contains(retryAfter), "one token at 0.01/s is about 100 s away: \(retryAfter)")
            #expect(refused.headers[.rateLimitRemaining] == "0")
            let read = try await client.send(.get, "/api/v1/orders")
            #expect(read.status == .unauthorized, "reads have their own bucket")
            #expect(read.headers[.rateLimitResource] == "ip-read")
            let health = try await client.send(.get, "/health")
            #expect(health.status == .ok && health.headers[.rateLimitLimit] == nil, "probes are never limited")
            let metrics = String(buffer: try await client.send(.get, "/metrics").body)
            #expect(metrics.contains(#"rate_limited_total{resource="ip-write"} 1"#))
        }
    }

    @Test func withTheShippedDefaultsABurstOf2000ReadsFromOneClientMeets429s() async throws {
        var configuration = OrderServiceConfiguration.testing()
        configuration.rateLimit = RateLimitSettings()
        let app = try await TestService.application(configuration)
        try await app.test(.live) { client in
            let start = ContinuousClock.now
            var refused = 0
            var withoutRetryAfter = 0
            for _ in 0..<2000 {
                let response = try await client.send(.get, "/api/v1/products")
                guard response.status == .tooManyRequests else {
                    #expect(response.status == .ok)
                    continue
                }
                refused += 1
                if response.headers[.retryAfter].flatMap(Int.init) == nil { withoutRetryAfter += 1 }
            }
            let seconds = Double((ContinuousClock.now - start).components.seconds) + 1
            print("2000 reads, default limits: \(refused) got 429 (\(Double(refused) / 20)%), < \(seconds) s")
            // A burst of 100 and 50 more each second: everything beyond that is refused.
            #expect(refused >= 2000 - 100 - Int(50 * seconds))
            #expect(refused > 0 && withoutRetryAfter == 0)
        }
    }

    @Test func eachUserHasABucketAndTheStricterBucketsHeadersWin() async throws {
        let configuration = Self.configuration(
            ip: Self.rules(reads: 1000, writes: 1000),
            user: Self.rules(reads: 2, writes: 100)
        )
        let app = try await TestService.application(configuration)
        try await app.test(.live) { client in
            let alice = try await client.user("alice")
            let bob = try await client.user("bob")
            let first = try await client.send(.get, "/api/v1/orders", token: alice)
            #expect(first.status == .ok)
            #expect(first.headers[.rateLimitResource] == "user-read" && first.headers[.rateLimitRemaining] == "1")
            _ = try await client.send(.get, "/api/v1/orders", token: alice)
            let refused = try await client.send(.get, "/api/v1/orders", token: alice)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.rateLimitResource] == "user-read" && refused.headers[.retryAfter] != nil)
            let other = try await client.send(.get, "/api/v1/orders", token: bob)
            #expect(other.status == .ok, "bob's bucket is his own")
        }
    }

    @Test func switchedOffThereAreNoLimitsAndNoHeaders() async throws {
        var configuration = Self.configuration(ip: Self.rules(reads: 1, writes: 1))
        configuration.features.rateLimits = false
        let app = try await TestService.application(configuration)
        try await app.test(.live) { client in
            for _ in 0..<3 {
                let response = try await client.send(.get, "/api/v1/orders")
                #expect(response.status == .unauthorized && response.headers[.rateLimitLimit] == nil)
            }
        }
    }

    @Test func manyDistinctClientIPsKeepTheBucketTableBounded() async throws {
        let configuration = Self.configuration(ip: Self.rules(reads: 5, writes: 5), maxClients: 50)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(configuration) { continuation.yield($0) }
        try await app.test(.live) { client in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let sources = (0..<400).map { "127.0.\(1 + $0 / 200).\(1 + $0 % 200)" }
            let statuses = try await OwnThread.run {
                try sources.map { try SourceAddressClient.get("/api/v1/orders", port: port, from: $0) }
            }
            #expect(Set(statuses) == [401], "each new IP has a full bucket")
            let exposition = String(buffer: try await client.send(.get, "/metrics").body)
            let line = exposition.split(separator: "\n").first { $0.hasPrefix(#"rate_limit_buckets{scope="ip"} "#) }
            let held = try #require(line.flatMap { Double($0.split(separator: " ").last ?? "") })
            #expect(held <= 50, "400 clients, at most maxClients buckets: \(held)")
            #expect(held >= 1)
        }
    }
}
