import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OrderService

@Suite struct IdempotencyTests {
    @Test func theSameKeyAndBodyReturnTheSameOrder() async throws {
        try await TestService.withClient { client in
            let token = try await client.user("repeater")
            let first = try await client.placeOrder(token: token, key: "key-1")
            let second = try await client.placeOrder(token: token, key: "key-1")
            #expect(first.status == .created && second.status == .created)
            #expect(second.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(first.object as NSDictionary == second.object as NSDictionary)
            let list = try await client.send(.get, "/api/v1/orders", token: token)
            #expect((list.object["orders"] as? [Any])?.count == 1)
        }
    }

    @Test func aKeyReusedWithAnotherBodyIsRefused() async throws {
        try await TestService.withClient { client in
            let token = try await client.user("reuser")
            #expect(try await client.placeOrder(token: token, quantity: 1, key: "key-2").status == .created)
            let reused = try await client.placeOrder(token: token, quantity: 3, key: "key-2")
            #expect(reused.status == .unprocessableContent)
            #expect(reused.problemCode == "idempotency-key-reused")
        }
    }

    @Test func keysBelongToTheirUser() async throws {
        try await TestService.withClient { client in
            let first = try await client.user("key-owner")
            let second = try await client.user("key-stranger")
            let a = try await client.placeOrder(token: first, key: "shared-key").object["id"] as? String
            let b = try await client.placeOrder(token: second, key: "shared-key").object["id"] as? String
            #expect(a != nil && b != nil && a != b)
        }
    }

    @Test func aBadKeyIsAProblem() async throws {
        try await TestService.withClient { client in
            let token = try await client.user("bad-keyer")
            let response = try await client.placeOrder(token: token, key: String(repeating: "k", count: 300))
            #expect(response.status == .badRequest)
            #expect(response.problemCode == "invalid-idempotency-key")
        }
    }

    /// Twenty concurrent duplicates over real sockets (a pooling client), against a WAL file database: exactly one order exists.
    @Test func concurrentDuplicatesCreateOneOrder() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("idem-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var configuration = OrderServiceConfiguration.testing()
        configuration.databasePath = path
        try await TestService.application(configuration).test(.ahc(.http)) { client in
            let token = try await client.user("racer")
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await client.placeOrder(token: token, key: "race-key").object["id"] as? String
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(ids.count == 20)
            #expect(Set(ids.compactMap { $0 }).count == 1, "\(ids)")
            #expect(!ids.contains(nil))
            let list = try await client.send(.get, "/api/v1/orders", token: token)
            #expect((list.object["orders"] as? [Any])?.count == 1)
        }
    }
}
