import Foundation
import Testing

@testable import OrderService

/// The repository protocols behave the same on SQLite and on PostgreSQL.
@Suite struct RepositoryTests {
    static let oneOfP1 = OrderDraft(items: [.init(productID: "p-1", quantity: 1)])

    @Test(arguments: StoreEngine.allCases)
    func usersAreCreatedFoundAndUniqueByName(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let alice = try await store.users.create(username: "alice", passwordHash: "h", role: .user)
            let bob = try await store.users.create(username: "bob", passwordHash: "h2", role: .user)
            #expect(alice.id != bob.id)
            #expect(try await store.users.find(username: "alice") == alice)
            #expect(try await store.users.find(id: bob.id)?.username == "bob")
            #expect(try await store.users.find(username: "carol") == nil)
            await #expect(throws: RepositoryError.duplicateUsername) {
                try await store.users.create(username: "alice", passwordHash: "x", role: .user)
            }
            #expect(try await store.users.setRole(.admin, ofUser: bob.id)?.role == .admin)
            #expect(try await store.users.find(id: bob.id)?.role == .admin)
            #expect(try await store.users.setRole(.admin, ofUser: 999_999) == nil)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anOrderIsPricedAndReservesStockAndAKeyReplaysIt(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let user = try await store.users.create(username: "buyer", passwordHash: "h", role: .user)
            let draft = OrderDraft(items: [.init(productID: "p-2", quantity: 3), .init(productID: "p-1", quantity: 1)])
            let first = try await store.orders.create(draft, userID: user.id, idempotencyKey: "k1", status: .created)
            #expect(!first.replayed)
            #expect(first.order.totalCents == 3 * 299 + 199)
            #expect(try await store.orders.stock(of: "p-2") == ProductCatalogue.initialStock - 3)
            let again = try await store.orders.create(draft, userID: user.id, idempotencyKey: "k1", status: .created)
            #expect(again.replayed)
            #expect(again.order == first.order)
            #expect(try await store.orders.stock(of: "p-2") == ProductCatalogue.initialStock - 3)
            await #expect(throws: RepositoryError.idempotencyKeyReused) {
                try await store.orders.create(Self.oneOfP1, userID: user.id, idempotencyKey: "k1", status: .created)
            }
            #expect(try await store.orders.find(id: first.order.id) == first.order)
            #expect(try await store.orders.find(id: "no-such-order") == nil)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aFailedCreateLeavesStockAndOrdersUntouched(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let user = try await store.users.create(username: "buyer", passwordHash: "h", role: .user)
            let unknown = OrderDraft(items: [
                .init(productID: "p-1", quantity: 1), .init(productID: "p-999", quantity: 1),
            ])
            await #expect(throws: RepositoryError.unknownProduct("p-999")) {
                try await store.orders.create(unknown, userID: user.id, idempotencyKey: nil, status: .created)
            }
            let tooMany = OrderDraft(
                items: [.init(productID: "p-1", quantity: 1), .init(productID: "p-3", quantity: 10_001)]
            )
            await #expect(throws: RepositoryError.outOfStock("p-3")) {
                try await store.orders.create(tooMany, userID: user.id, idempotencyKey: "k", status: .created)
            }
            #expect(try await store.orders.stock(of: "p-1") == ProductCatalogue.initialStock)
            #expect(try await store.orders.list(userID: user.id, after: nil, limit: 10).isEmpty)
            // The key of a failed create is free for the next one.
            let created = try await store.orders.create(
                Self.oneOfP1,
                userID: user.id,
                idempotencyKey: "k",
                status: .created
            )
            #expect(!created.replayed)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func listingsAreNewestFirstPerUserAndPageByCursor(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let alice = try await store.users.create(username: "alice", passwordHash: "h", role: .user)
            let bob = try await store.users.create(username: "bob", passwordHash: "h", role: .user)
            var ids: [String] = []
            for _ in 0..<5 {
                ids.append(
                    try await store.orders.create(Self.oneOfP1, userID: alice.id, idempotencyKey: nil, status: .created)
                        .order.id
                )
                try await Task.sleep(for: .milliseconds(3))
            }
            _ = try await store.orders.create(Self.oneOfP1, userID: bob.id, idempotencyKey: nil, status: .created)
            let page = try await store.orders.list(userID: alice.id, after: nil, limit: 3)
            #expect(page.map(\.id) == Array(ids.reversed().prefix(3)))
            let last = try #require(page.last)
            let next = try await store.orders.list(
                userID: alice.id,
                after: OrderCursor(createdAtMillis: last.createdAtMillis, orderID: last.id),
                limit: 3
            )
            #expect(next.map(\.id) == Array(ids.reversed().dropFirst(3)))
            #expect(try await store.orders.list(userID: nil, after: nil, limit: 100).count == 6)
            #expect(next.allSatisfy { $0.items == [OrderLine(productID: "p-1", quantity: 1, unitPriceCents: 199)] })
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func cancellingReleasesStockOnceAndOnlyForCreatedOrders(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let user = try await store.users.create(username: "buyer", passwordHash: "h", role: .user)
            let order = try await store.orders.create(
                Self.oneOfP1,
                userID: user.id,
                idempotencyKey: nil,
                status: .created
            ).order
            #expect(try await store.orders.cancel(id: order.id)?.status == .cancelled)
            #expect(try await store.orders.cancel(id: order.id)?.status == .cancelled)
            #expect(try await store.orders.stock(of: "p-1") == ProductCatalogue.initialStock)
            #expect(try await store.orders.cancel(id: "missing") == nil)
            let pending = try await store.orders.create(
                Self.oneOfP1,
                userID: user.id,
                idempotencyKey: nil,
                status: .pending
            ).order
            await #expect(throws: RepositoryError.notCancellable(.pending)) {
                try await store.orders.cancel(id: pending.id)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func sagaTransitionsMoveOnlyFromTheExpectedStateAndCompensationReleasesOnce(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let user = try await store.users.create(username: "buyer", passwordHash: "h", role: .user)
            let order = try await store.orders.create(
                Self.oneOfP1,
                userID: user.id,
                idempotencyKey: nil,
                status: .pending
            ).order
            #expect(try await store.orders.unfinished().map(\.id) == [order.id])
            #expect(try await store.orders.transition(id: order.id, from: [.pending], to: .charging))
            #expect(try await !store.orders.transition(id: order.id, from: [.pending], to: .charging))
            #expect(try await store.orders.transition(id: order.id, from: [.charging], to: .compensating))
            #expect(try await store.orders.compensate(id: order.id)?.status == .failed)
            #expect(try await store.orders.compensate(id: order.id)?.status == .failed)
            #expect(try await store.orders.stock(of: "p-1") == ProductCatalogue.initialStock)
            #expect(try await store.orders.unfinished().isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func apiKeysAreFoundUntilRevoked(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let key = try await store.keys.create(id: "key-1", name: "partner", keyHash: "hash-1")
            #expect(try await store.keys.findActive(keyHash: "hash-1")?.id == key.id)
            #expect(try await store.keys.revoke(id: "key-1"))
            #expect(try await store.keys.findActive(keyHash: "hash-1") == nil)
            #expect(try await !store.keys.revoke(id: "key-2"))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func theCatalogueIsSeededAndTheDatabaseIsReady(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let products = try await store.products.all()
            #expect(products.count == ProductCatalogue.productCount)
            #expect(products.first == Product(id: "p-1", name: "Product 1", priceCents: 199, stock: 10_000))
            #expect(products.last?.id == "p-100")
            #expect(await store.health.isReady())
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func twentyConcurrentCreatesWithOneKeyMakeOneOrder(engine: StoreEngine) async throws {
        try await engine.withStore { store in
            let user = try await store.users.create(username: "buyer", passwordHash: "h", role: .user)
            let orders = store.orders
            let creations = try await withThrowingTaskGroup(of: OrderCreation.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await orders.create(Self.oneOfP1, userID: user.id, idempotencyKey: "same", status: .created)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(creations.map(\.order.id)).count == 1)
            #expect(creations.filter { !$0.replayed }.count == 1)
            #expect(try await store.orders.stock(of: "p-1") == ProductCatalogue.initialStock - 1)
        }
    }
}
