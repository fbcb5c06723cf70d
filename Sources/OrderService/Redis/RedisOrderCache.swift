import Basics
import Foundation

/// The order cache in Redis, shared by every instance: `GET`, on a miss a load from the database and
/// `SET … PX ttl NX`, and on every committed write a short tombstone in place of the entry.
///
/// The tombstone is what keeps a slow reader from putting back an order a writer has just changed: a read that
/// loaded the old row before the write cannot store it over the tombstone (`NX`), and reads while it lasts go to
/// the database. (A reader slower than the tombstone's life could still store a stale copy, which then lives at
/// most one TTL.) When Redis cannot answer, reads go to the database and the miss is counted in
/// `redis_unavailable_total{use="cache"}`; never an error to the client.
struct RedisOrderCache: OrderCaching {
    let redis: RedisClient
    let settings: CacheSettings
    let flags: FeatureFlagStore
    let metrics: ServiceMetrics
    static let tombstone = "-"
    static let tombstoneLife = Duration.seconds(2)

    func order(id: String, load: () async throws -> Order?) async throws -> Order? {
        guard flags.current.cache else { return try await load() }
        let key = Self.key(id)
        let cached: RESPValue
        do {
            cached = try await redis.send(["GET", key])
        } catch {
            metrics.recordRedisUnavailable(use: "cache")
            return try await load()
        }
        if case .bulkString(let bytes?) = cached,
            let order = try? JSONDecoder().decode(CachedOrder.self, from: Data(bytes))
        {
            metrics.recordCacheLookup(hit: true)
            return order.order
        }
        metrics.recordCacheLookup(hit: false)
        guard let loaded = try await load() else { return nil }
        if cached == .bulkString(nil), let json = try? JSONEncoder().encode(CachedOrder(loaded)) {
            let ttl = String(settings.ttl.nanosecondsClamped / 1_000_000)
            do {
                _ = try await redis.send(["SET", key, String(decoding: json, as: UTF8.self), "PX", ttl, "NX"])
            } catch {
                metrics.recordRedisUnavailable(use: "cache")
            }
        }
        return loaded
    }

    func invalidate(id: String) async {
        let life = String(Self.tombstoneLife.nanosecondsClamped / 1_000_000)
        do {
            _ = try await redis.send(["SET", Self.key(id), Self.tombstone, "PX", life])
        } catch {
            metrics.recordRedisUnavailable(use: "cache")
        }
    }

    static func key(_ id: String) -> String { "ordeal:order:\(id)" }
}

/// An order as the Redis cache stores it (JSON).
private struct CachedOrder: Codable {
    struct Line: Codable {
        let productID: String
        let quantity: Int
        let unitPriceCents: Int
    }

    let id: String
    let userID: Int64
    let status: OrderStatus
    let items: [Line]
    let totalCents: Int
    let createdAtMillis: Int64

    init(_ order: Order) {
        id = order.id
        userID = order.userID
        status = order.status
        items = order.items.map {
            Line(productID: $0.productID, quantity: $0.quantity, unitPriceCents: $0.unitPriceCents)
        }
        totalCents = order.totalCents
        createdAtMillis = order.createdAtMillis
    }

    var order: Order {
        Order(
            id: id,
            userID: userID,
            status: status,
            items: items.map {
                OrderLine(productID: $0.productID, quantity: $0.quantity, unitPriceCents: $0.unitPriceCents)
            },
            totalCents: totalCents,
            createdAtMillis: createdAtMillis
        )
    }
}
