import Foundation
import HTTPTypes
import HummingbirdCore
import NIOCore
import Testing

@testable import OrderService

/// A rendering is the very JSON and headers the encoder gives, and a changed order is never shown from an older one.
@Suite struct RenderedOrdersTests {
    let placed = Order(
        id: "ord-1",
        userID: 7,
        status: .created,
        items: [OrderLine(productID: "p-7", quantity: 2, unitPriceCents: 1250)],
        totalCents: 2500,
        createdAtMillis: 1_764_590_400_123
    )

    @Test func aRenderingIsTheEncodersJSONWithItsLengthTagAndCacheControl() throws {
        let rendered = try RenderedOrders().rendering(of: placed)
        let expected = try JSONEncoder().encode(OrderResponse(placed))
        // Key order differs between two encodings, so the bodies are compared as JSON.
        let body = try JSONSerialization.jsonObject(with: Data(rendered.body.readableBytesView)) as? NSDictionary
        #expect(body == (try JSONSerialization.jsonObject(with: expected) as? NSDictionary))
        #expect(rendered.headers[.contentLength] == String(expected.count))
        #expect(rendered.headers[.contentType] == "application/json; charset=utf-8")
        #expect(rendered.headers[.eTag] == placed.entityTag)
        #expect(rendered.headers[.cacheControl] == "private, no-cache")
        let object = try #require(try JSONSerialization.jsonObject(with: expected) as? [String: Any])
        #expect(object["createdAt"] as? String == "2025-12-01T12:00:00.123Z")
        #expect(rendered.notModified.headers[.eTag] == placed.entityTag)
    }

    @Test func aChangedOrderIsRenderedAgainNotServedFromTheOldRendering() throws {
        let renderings = RenderedOrders()
        let first = try renderings.rendering(of: placed)
        let cancelled = Order(
            id: placed.id,
            userID: placed.userID,
            status: .cancelled,
            items: placed.items,
            totalCents: placed.totalCents,
            createdAtMillis: placed.createdAtMillis
        )
        let second = try renderings.rendering(of: cancelled)
        #expect(second.entityTag != first.entityTag)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(second.body.readableBytesView)) as? [String: Any]
        )
        #expect(object["status"] as? String == "cancelled")
        #expect(try renderings.rendering(of: placed).entityTag == first.entityTag)
    }

    @Test func ordersSharingASlotEachGetTheirOwnBody() throws {
        let renderings = RenderedOrders(stripes: 1, slotsPerStripe: 1)
        let orders = (0..<8).map { index in
            Order(
                id: "ord-\(index)",
                userID: 1,
                status: .created,
                items: placed.items,
                totalCents: placed.totalCents,
                createdAtMillis: placed.createdAtMillis
            )
        }
        for _ in 0..<2 {
            for order in orders {
                let body = try renderings.rendering(of: order).body
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
                )
                #expect(object["id"] as? String == order.id)
            }
        }
    }
}
