import Hummingbird

/// `/api/v1/products`: the catalogue with each product's stock, open to anyone, so that stock (reserved by
/// orders, released by cancels and compensations) can be checked from outside.
struct ProductController {
    typealias Context = OrderServiceRequestContext

    struct Catalogue: ResponseEncodable {
        let products: [Product]
    }

    let products: any ProductRepository

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(use: list)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Catalogue {
        Catalogue(products: try await products.all())
    }
}
