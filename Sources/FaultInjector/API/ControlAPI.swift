import Hummingbird

/// Toxiproxy's HTTP API over a ``ProxyRegistry``: one routes list, one handler per route (toxiproxy `api.go`).
public struct ControlAPI: Sendable {
    /// The version `/version` reports: the Toxiproxy API level this server speaks.
    public static let version = "2.12.0"

    let registry: ProxyRegistry

    public init(registry: ProxyRegistry) { self.registry = registry }

    /// A router serving the whole API.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RefuseBrowsersMiddleware())
        let proxies = ProxyController(registry: registry)
        let toxics = ToxicController(registry: registry)
        router.get("/proxies", use: proxies.index)
        router.post("/proxies", use: proxies.create)
        router.post("/populate", use: proxies.populate)
        router.get("/proxies/:proxy", use: proxies.show)
        router.post("/proxies/:proxy", use: proxies.update)
        router.patch("/proxies/:proxy", use: proxies.update)
        router.delete("/proxies/:proxy", use: proxies.delete)
        router.get("/proxies/:proxy/toxics", use: toxics.index)
        router.post("/proxies/:proxy/toxics", use: toxics.create)
        router.get("/proxies/:proxy/toxics/:toxic", use: toxics.show)
        router.post("/proxies/:proxy/toxics/:toxic", use: toxics.update)
        router.patch("/proxies/:proxy/toxics/:toxic", use: toxics.update)
        router.delete("/proxies/:proxy/toxics/:toxic", use: toxics.delete)
        router.post("/reset", use: proxies.reset)
        router.get("/version") { _, _ in APIResponse.json(["version": Self.version]) }
        return router
    }
}
