import Testing

@testable import OrderService

@Suite struct LRUCacheTests {
    @Test func theLeastRecentlyUsedEntryGoesFirst() {
        var cache = LRUCache<String, Int>(capacity: 3)
        cache.set(1, for: "a")
        cache.set(2, for: "b")
        cache.set(3, for: "c")
        #expect(cache.value(for: "a") == 1, "a is now the most recent")
        cache.set(4, for: "d")
        #expect(cache.value(for: "b") == nil, "b was the least recently used")
        #expect(cache.value(for: "a") == 1 && cache.value(for: "c") == 3 && cache.value(for: "d") == 4)
        #expect(cache.count == 3)
    }

    @Test func removingAndReplacingKeepTheListConsistent() {
        var cache = LRUCache<Int, Int>(capacity: 4)
        for round in 0..<1000 {
            let key = (round * 7) % 11
            if round % 3 == 0 { cache.removeValue(for: key) } else { cache.set(round, for: key) }
            #expect(cache.count <= 4)
        }
        cache.set(-1, for: 100)
        #expect(cache.value(for: 100) == -1)
        cache.removeAll()
        #expect(cache.count == 0 && cache.value(for: 100) == nil)
    }

    @Test func anOrderEntityTagChangesWithItsStatusAndIsStable() {
        let order = Order(
            id: "o-1",
            userID: 7,
            status: .confirmed,
            items: [OrderLine(productID: "p-1", quantity: 2, unitPriceCents: 199)],
            totalCents: 398,
            createdAtMillis: 1_700_000_000_000
        )
        let cancelled = Order(
            id: order.id,
            userID: order.userID,
            status: .cancelled,
            items: order.items,
            totalCents: order.totalCents,
            createdAtMillis: order.createdAtMillis
        )
        #expect(order.entityTag == order.entityTag)
        #expect(order.entityTag != cancelled.entityTag)
        #expect(order.entityTag.hasPrefix("\"") && order.entityTag.hasSuffix("\""))
    }
}
