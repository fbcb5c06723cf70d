import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import OrderService

/// Two service instances on one PostgreSQL database: the state is in the database, not in either instance.
@Suite struct TwoInstanceTests {
    @Test func twentyConcurrentDuplicateKeysOverTwoInstancesGiveOneOrder() async throws {
        guard var configuration = try await StoreEngine.postgres.configuration() else { return }
        configuration.databasePoolSize = 8
        let first = try await TestService.application(configuration)
        let second = try await TestService.application(configuration)
        try await first.test(.router) { a in
            try await second.test(.router) { b in
                let token = try await a.user("duplicate-keys")
                let key = UUID().uuidString
                let responses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                    for index in 0..<20 {
                        let client = index.isMultiple(of: 2) ? a : b
                        group.addTask {
                            let response = try await client.placeOrder(
                                token: token,
                                product: "p-7",
                                quantity: 1,
                                key: key
                            )
                            return (Int(response.status.code), response.object["id"] as? String)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(responses.allSatisfy { $0.0 == 201 }, "\(responses)")
                #expect(Set(responses.compactMap(\.1)).count == 1, "\(responses)")
                let products = try await b.send(.get, "/api/v1/products").object["products"] as? [[String: Any]]
                let stock = products?.first { $0["id"] as? String == "p-7" }?["stock"] as? Int
                #expect(stock == ProductCatalogue.initialStock - 1)
                let listed = try await a.send(.get, "/api/v1/orders", token: token).object["orders"] as? [Any]
                #expect(listed?.count == 1)
            }
        }
    }
}
