import Foundation
import Hummingbird

extension OrderController {
    /// The body of `POST /api/v1/orders`.
    struct CreateOrderRequest: StrictDecodable {
        enum Field: String, CodingKey, CaseIterable {
            case items
        }

        let items: [Item]

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownFields(Field.self)
            items = try decoder.container(keyedBy: Field.self).decode([Item].self, forKey: .items)
        }

        /// Checks counts and bounds; product existence is checked against the catalogue when pricing.
        func draft() throws -> OrderDraft {
            let count = InputRules.orderItems, length = InputRules.productIDLength, quantity = InputRules.quantity
            guard count.contains(items.count) else {
                throw ServiceError.invalidField("items", "\(count.lowerBound) to \(count.upperBound) items")
            }
            for (index, item) in items.enumerated() {
                guard length.contains(item.productId.unicodeScalars.count) else {
                    throw ServiceError.invalidField(
                        "items[\(index)].productId",
                        "\(length.lowerBound) to \(length.upperBound) characters"
                    )
                }
                guard quantity.contains(item.quantity) else {
                    throw ServiceError.invalidField(
                        "items[\(index)].quantity",
                        "an integer from \(quantity.lowerBound) to \(quantity.upperBound)"
                    )
                }
            }
            return OrderDraft(items: items.map { .init(productID: $0.productId, quantity: $0.quantity) })
        }
    }

    /// One requested line.
    struct Item: StrictDecodable {
        enum Field: String, CodingKey, CaseIterable {
            case productId, quantity
        }

        let productId: String
        let quantity: Int

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownFields(Field.self)
            let container = try decoder.container(keyedBy: Field.self)
            productId = try container.decode(String.self, forKey: .productId)
            quantity = try container.decode(Int.self, forKey: .quantity)
        }
    }

    /// `limit` (`InputRules.pageLimit`, default `InputRules.defaultPageLimit`) and `cursor` (opaque, from the
    /// previous page).
    struct ListQuery {
        let limit: Int
        let cursor: OrderCursor?

        init(_ parameters: Parameters) throws {
            if let text = parameters["limit"] {
                let range = InputRules.pageLimit
                guard let limit = Int(text), range.contains(limit) else {
                    throw ServiceError.invalidField(
                        "limit",
                        "an integer from \(range.lowerBound) to \(range.upperBound)"
                    )
                }
                self.limit = limit
            } else {
                limit = InputRules.defaultPageLimit
            }
            if let text = parameters["cursor"] {
                guard let cursor = OrderCursor(encoded: String(text)) else {
                    throw ServiceError.invalidField("cursor", "a cursor returned by a previous page")
                }
                self.cursor = cursor
            } else {
                cursor = nil
            }
        }
    }
}

/// A page of orders and the cursor of the next one (null on the last page).
struct OrderPage: ResponseEncodable {
    let orders: [OrderResponse]
    let nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orders, forKey: .orders)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey {
        case orders, nextCursor
    }
}

/// An order as clients see it; amounts in cents.
struct OrderResponse: ResponseEncodable, Equatable {
    /// Orders are private and change state, so clients may keep a copy but must revalidate it (by ETag).
    static let revalidate = "private, no-cache"

    /// One priced line.
    struct Line: Codable, Equatable {
        let productId: String
        let quantity: Int
        let unitPriceCents: Int
        let lineTotalCents: Int
    }

    let id: String
    let userId: Int64
    let status: OrderStatus
    let items: [Line]
    let totalCents: Int
    let currency: String
    let createdAt: String

    init(_ order: Order) {
        id = order.id
        userId = order.userID
        status = order.status
        items = order.items.map {
            Line(
                productId: $0.productID,
                quantity: $0.quantity,
                unitPriceCents: $0.unitPriceCents,
                lineTotalCents: $0.unitPriceCents * $0.quantity
            )
        }
        totalCents = order.totalCents
        currency = "USD"
        createdAt = MillisecondTimestamp.text(order.createdAtMillis)
    }
}

extension OrderCursor {
    init(after order: Order) {
        self.init(createdAtMillis: order.createdAtMillis, orderID: order.id)
    }

    /// Opaque to clients: base64url of `millis:id`.
    var encoded: String {
        Data("\(createdAtMillis):\(orderID)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":"), let millis = Int64(text[..<colon])
        else { return nil }
        self.init(createdAtMillis: millis, orderID: String(text[text.index(after: colon)...]))
    }
}
