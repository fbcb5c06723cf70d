import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An order as `GET /api/v1/orders/{id}` shows it: the JSON body and the headers that describe it (type, length,
/// ETag, revalidation), encoded once and reused while the order is unchanged.
struct RenderedOrder: Sendable {
    /// The order this was rendered from; a rendering is reused only for an equal order.
    let order: Order
    let entityTag: String
    let body: ByteBuffer
    let headers: HTTPFields

    init(_ order: Order) throws {
        self.order = order
        entityTag = order.entityTag
        body = ByteBuffer(bytes: try JSONEncoder().encode(OrderResponse(order)))
        var headers = HTTPFields()
        // Room for the middleware's headers (rate limits, request metrics) without growing on the way out.
        headers.reserveCapacity(16)
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentLength] = String(body.readableBytes)
        headers[.eTag] = entityTag
        headers[.cacheControl] = OrderResponse.revalidate
        self.headers = headers
    }

    /// The 200 answer: the stored bytes and headers, nothing encoded.
    var response: Response {
        Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The 304 answer to an `If-None-Match` that named this tag: the validators, no body.
    var notModified: Response {
        Response(status: .notModified, headers: [.eTag: entityTag, .cacheControl: OrderResponse.revalidate])
    }
}

/// Orders rendered lately, by id, so that reading an unchanged order costs a lookup and a comparison instead of a
/// JSON encoding and a date formatting. Lossy and bounded (`StripedSlotCache`); a changed order is simply rendered
/// again, so the cache can never show a stale body.
final class RenderedOrders: Sendable {
    private let slots: StripedSlotCache<RenderedOrder>

    init(stripes: Int = 256, slotsPerStripe: Int = 16) {
        slots = StripedSlotCache(stripes: stripes, slotsPerStripe: slotsPerStripe)
    }

    /// `order` rendered, from the cache when it holds a rendering of this very order.
    func rendering(of order: Order) throws -> RenderedOrder {
        if let cached = slots.value(for: order.id, { $0.order == order ? $0 : nil }) { return cached }
        let rendered = try RenderedOrder(order)
        slots.store(rendered, for: order.id)
        return rendered
    }
}
