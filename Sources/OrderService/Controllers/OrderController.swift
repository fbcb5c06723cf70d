import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v1/orders`: place (idempotently), read, list and cancel orders; a user sees only their own.
struct OrderController<Orders: OrderRepository> {
    typealias Context = OrderServiceRequestContext

    let orders: Orders
    let metrics: ServiceMetrics
    /// Charges each new order when payments are configured; nil accepts orders without a charge.
    let saga: OrderSaga?
    /// Whether payments and fault switches are on, read per request so that a reload applies at once.
    let flags: FeatureFlagStore
    /// Orders as last shown, so that reading an unchanged one encodes nothing.
    let renderings = RenderedOrders()

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
        let features = flags.current
        let faults = features.faultSwitches ? try FaultSwitches(headers: request.headers, metrics: metrics) : .none
        do throws(FaultSwitches.InjectedError) {
            try await faults.apply(.reserveStock)
        } catch {
            throw ServiceError.injectedFault(error)
        }
        let saga = features.payments ? saga : nil
        let creation = try await orders.create(
            draft,
            userID: identity.userID,
            idempotencyKey: key,
            status: saga == nil ? .created : .pending
        )
        let order = creation.replayed ? creation.order : try await settle(creation.order, saga: saga, faults: faults)
        var headers: HTTPFields = [.location: "/api/v1/orders/\(order.id)"]
        if creation.replayed { headers[.idempotentReplayed] = "true" }
        metrics.recordOrder(replayed: creation.replayed, duration: ContinuousClock.now - start)
        return EditedResponse(status: .created, headers: headers, response: OrderResponse(order))
    }

    /// Runs the saga of a new order; anything but a confirmation is answered as a problem.
    private func settle(_ order: Order, saga: OrderSaga?, faults: FaultSwitches) async throws -> Order {
        guard let saga else { return order }
        switch try await saga.run(order, faults: faults) {
        case .confirmed(let confirmed): return confirmed
        case .compensated(_, let failure), .stuck(_, let failure): throw ServiceError.saga(failure)
        }
    }

    /// One order, with its `ETag`; `If-None-Match` naming the current tag (or `*`) gets 304 and no body.
    @Sendable func get(_ request: Request, context: Context) async throws -> Response {
        let rendered = try renderings.rendering(of: try await visibleOrder(request, context: context))
        if let wanted = request.headers[.ifNoneMatch], Self.matches(wanted, rendered.entityTag) {
            return rendered.notModified
        }
        return rendered.response
    }

    /// Whether an `If-None-Match` list names `tag` (weak comparison, as RFC 9110 asks for this header).
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
        }
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> EditedResponse<OrderPage> {
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
        return EditedResponse(
            headers: [.cacheControl: OrderResponse.revalidate],
            response: OrderPage(orders: page.map(OrderResponse.init), nextCursor: next?.encoded)
        )
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
        guard let key = request.headers[.idempotencyKey] else { return nil }
        let length = InputRules.idempotencyKeyLength
        guard InputRules.idempotencyKeyCharacters.accepts(key, length: length) else {
            throw ServiceError(
                .badRequest,
                code: "invalid-idempotency-key",
                detail: "Idempotency-Key must be \(length.lowerBound) to \(length.upperBound) visible ASCII characters."
            )
        }
        return key
    }
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}
