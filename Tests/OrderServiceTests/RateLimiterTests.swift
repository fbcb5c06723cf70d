import Testing

@testable import OrderService

/// Token buckets and the bounded table of them, on a fake clock.
@Suite struct RateLimiterTests {
    static let start = ContinuousClock.now

    @Test func aBucketAllowsItsBurstThenRefillsAtItsRate() {
        var bucket = TokenBucket(rule: RateLimitRule(perSecond: 2, burst: 3), now: Self.start)
        let first = (0..<3).map { _ in bucket.take(now: Self.start) }
        #expect(first.map(\.allowed) == [true, true, true])
        #expect(first.map(\.remaining) == [2, 1, 0])
        let refused = bucket.take(now: Self.start)
        #expect(!refused.allowed && refused.remaining == 0 && refused.limit == 3)
        #expect(abs(refused.secondsUntilNextToken - 0.5) < 1e-9, "one token at 2/s takes 0.5 s")
        #expect(abs(refused.secondsUntilFull - 1.5) < 1e-9)
        #expect(bucket.take(now: Self.start + .milliseconds(499)).allowed == false)
        #expect(bucket.take(now: Self.start + .milliseconds(500)).allowed)
        #expect(bucket.isFull(at: Self.start + .seconds(2)))
        #expect(!bucket.isFull(at: Self.start + .seconds(1)))
    }

    @Test func readsAndWritesAndClientsHaveTheirOwnBuckets() {
        let limiter = RateLimiter(
            rules: RateLimitRules(read: .init(perSecond: 1, burst: 2), write: .init(perSecond: 1, burst: 1)),
            maxClients: 100,
            idleTimeout: .seconds(60),
            now: Self.start
        )
        #expect(limiter.take(.ip("127.0.0.1"), .write, now: Self.start).allowed)
        #expect(!limiter.take(.ip("127.0.0.1"), .write, now: Self.start).allowed)
        #expect(limiter.take(.ip("127.0.0.1"), .read, now: Self.start).allowed, "reads are limited apart")
        #expect(limiter.take(.ip("127.0.0.2"), .write, now: Self.start).allowed, "another client")
        #expect(limiter.take(.user(1), .write, now: Self.start).allowed)
        #expect(limiter.bucketCount == 4)
    }

    @Test func manyClientsNeverHoldMoreThanMaxClientsBuckets() {
        let limiter = RateLimiter(
            rules: RateLimitRules(read: .init(perSecond: 1, burst: 5), write: .init(perSecond: 1, burst: 5)),
            maxClients: 1000,
            idleTimeout: .seconds(60),
            now: Self.start
        )
        var largest = 0
        for client in 0..<20_000 {
            // Every client is busy (its bucket is not full), so only the size bound can evict.
            let now = Self.start + .milliseconds(client / 100)
            _ = limiter.take(.ip("10.0.\(client / 256).\(client % 256)"), .read, now: now)
            largest = max(largest, limiter.bucketCount)
        }
        #expect(largest <= 1000)
        #expect(limiter.bucketCount >= 900, "the least recently used go, not everything")
    }

    @Test func idleAndFullBucketsAreDroppedOnTheNextSweep() {
        let limiter = RateLimiter(
            rules: RateLimitRules(read: .init(perSecond: 10, burst: 10), write: .init(perSecond: 10, burst: 10)),
            maxClients: 1000,
            idleTimeout: .seconds(5),
            now: Self.start
        )
        for client in 0..<50 { _ = limiter.take(.user(Int64(client)), .read, now: Self.start) }
        #expect(limiter.bucketCount == 50)
        _ = limiter.take(.user(999), .read, now: Self.start + .seconds(6))
        #expect(limiter.bucketCount == 1, "the 50 idle buckets went; only the new one is left")
    }
}
