/// A placed order with its priced lines.
struct Order: Sendable, Equatable {
    let id: String
    let userID: Int64
    let status: OrderStatus
    let items: [OrderLine]
    let totalCents: Int
    /// Milliseconds since 1970, the sort key of listings.
    let createdAtMillis: Int64
}

/// One line of an order, priced from the catalogue when the order was placed.
struct OrderLine: Sendable, Equatable {
    let productID: String
    let quantity: Int
    let unitPriceCents: Int
}

/// The lifecycle state of an order. Without payments an order is `created` (stock reserved) until cancelled;
/// with payments the saga moves it `pending` (stock reserved) → `charging` → `confirmed`, or on failure
/// → `compensating` (refunding) → `failed` (stock released).
enum OrderStatus: String, Codable, Sendable, CaseIterable {
    case created
    case cancelled
    case pending
    case charging
    case confirmed
    case compensating
    case failed

    /// The states a saga has not finished; recovery resumes or compensates each at start-up.
    static let unfinished: [OrderStatus] = [.pending, .charging, .compensating]
}

/// What a client asks to buy, already validated: one to 50 lines, quantities 1...100, known id syntax.
struct OrderDraft: Sendable, Equatable {
    /// One requested line: a product and how many.
    struct Line: Sendable, Equatable {
        let productID: String
        let quantity: Int
    }

    let items: [Line]

    /// A canonical text of the request, so that a replayed Idempotency-Key can be told from a reused one.
    var fingerprint: String {
        items.map { "\($0.productID)x\($0.quantity)" }.joined(separator: ";")
    }
}

/// The result of a create: the order and whether it already existed under the same Idempotency-Key.
struct OrderCreation: Sendable {
    let order: Order
    let replayed: Bool
}

/// Where a page of a listing starts: just after the order with this time and id (newest first).
struct OrderCursor: Sendable, Equatable {
    let createdAtMillis: Int64
    let orderID: String
}
