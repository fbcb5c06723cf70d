import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/orders`: place (idempotently), read, list and cancel orders; a user sees only their own.
struct OrderController<Orders: OrderRepository> {
    typealias Context = OrderServiceRequestContext
    static var idempotencyKeyHeader: HTTPField.Name { HTTPField.Name("Idempotency-Key")! }
    static var replayedHeader: HTTPField.Name { HTTPField.Name("Idempotent-Replayed")! }

    let orders: Orders
    let metrics: ServiceMetrics
    /// Charges each new order when payments are configured; nil accepts orders without a charge.
    let saga: OrderSaga?

    func addRoutes(to group: RouterGroup<Context>) {
        group.post(use: create)
            .get(use: list)
            .get("{id}", use: get)
            .post("{id}/cancel", use: cancel)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> EditedResponse<OrderResponse> {
        let start = ContinuousClock.now
        let identity = try context.requireIdentity()
        let key = try Self.idempotencyKey(of: request)
        let draft = try await request.decodeStrictly(CreateOrderRequest.self, context: context).draft()
        let creation = try await orders.create(
            draft,
            userID: identity.userID,
            idempotencyKey: key,
            status: saga == nil ? .created : .pending
        )
        let order = creation.replayed ? creation.order : try await settle(creation.order)
        var headers: HTTPFields = [.location: "/api/v1/orders/\(order.id)"]
        if creation.replayed { headers[Self.replayedHeader] = "true" }
        metrics.recordOrder(replayed: creation.replayed, duration: ContinuousClock.now - start)
        return EditedResponse(status: .created, headers: headers, response: OrderResponse(order))
    }

    /// Runs the saga of a new order; anything but a confirmation is answered as a problem.
    private func settle(_ order: Order) async throws -> Order {
        guard let saga else { return order }
        switch try await saga.run(order) {
        case .confirmed(let confirmed): return confirmed
        case .compensated(_, let error), .stuck(_, let error): throw ServiceError.payment(error)
        }
    }

    @Sendable func get(_ request: Request, context: Context) async throws -> OrderResponse {
        OrderResponse(try await visibleOrder(request, context: context))
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> OrderPage {
        let identity = try context.requireIdentity()
        let query = try ListQuery(request.uri.queryParameters)
        // One more than asked tells whether a next page exists without a count query.
        let found = try await orders.list(
            userID: identity.isAdmin ? nil : identity.userID,
            after: query.cursor,
            limit: query.limit + 1
        )
        let page = Array(found.prefix(query.limit))
        let next = found.count > query.limit ? page.last.map(OrderCursor.init(after:)) : nil
        return OrderPage(orders: page.map(OrderResponse.init), nextCursor: next?.encoded)
    }

    @Sendable func cancel(_ request: Request, context: Context) async throws -> OrderResponse {
        let order = try await visibleOrder(request, context: context)
        guard let cancelled = try await orders.cancel(id: order.id) else { throw ServiceError.notFound("order") }
        return OrderResponse(cancelled)
    }

    /// The order named in the path if the caller may see it; another user's order is a 404, not a 403,
    /// so that ids reveal nothing.
    private func visibleOrder(_ request: Request, context: Context) async throws -> Order {
        let identity = try context.requireIdentity()
        let id = try context.parameters.require("id")
        guard let order = try await orders.find(id: id), identity.isAdmin || order.userID == identity.userID else {
            throw ServiceError.notFound("order")
        }
        return order
    }

    private static func idempotencyKey(of request: Request) throws -> String? {
        guard let key = request.headers[idempotencyKeyHeader] else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw ServiceError(
                .badRequest,
                code: "invalid-idempotency-key",
                detail: "Idempotency-Key must be 1 to 255 visible ASCII characters."
            )
        }
        return key
    }
}
