import Hummingbird

/// `/api/v1/integrations` (X-API-Key): read-only access to any order for partner systems.
struct IntegrationController<Orders: OrderRepository> {
    typealias Context = OrderServiceRequestContext

    let orders: Orders

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("orders/{id}", use: order)
    }

    @Sendable func order(_ request: Request, context: Context) async throws -> OrderResponse {
        guard let order = try await orders.find(id: try context.parameters.require("id")) else {
            throw ServiceError.notFound("order")
        }
        return OrderResponse(order)
    }
}
