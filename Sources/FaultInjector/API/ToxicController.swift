import Hummingbird

/// The `/proxies/{proxy}/toxics` routes.
struct ToxicController: Sendable {
    let registry: ProxyRegistry

    @Sendable func index(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let proxy = try await proxy(context)
        return APIResponse.json(proxy.toxics.map(ToxicJSON.init))
    }

    /// Toxiproxy answers 200, not 201, for a new toxic.
    @Sendable func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let proxy = try await proxy(context)
        let body = try await decodeBody(ToxicRequest.self, from: request)
        let spec = try await apiCall { () throws(FaultInjectorError) in try proxy.addToxic(body.creating()) }
        return APIResponse.json(ToxicJSON(spec))
    }

    @Sendable func show(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let proxy = try await proxy(context)
        let name = context.parameters.get("toxic") ?? ""
        let spec = try await apiCall { () throws(FaultInjectorError) in try proxy.toxic(named: name) }
        return APIResponse.json(ToxicJSON(spec))
    }

    @Sendable func update(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let proxy = try await proxy(context)
        let name = context.parameters.get("toxic") ?? ""
        let body = try await decodeBody(ToxicRequest.self, from: request)
        let spec = try await apiCall { () throws(FaultInjectorError) in
            try proxy.updateToxic(named: name) { spec throws(FaultInjectorError) in try body.apply(to: &spec) }
        }
        return APIResponse.json(ToxicJSON(spec))
    }

    @Sendable func delete(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let proxy = try await proxy(context)
        let name = context.parameters.get("toxic") ?? ""
        try await apiCall { () throws(FaultInjectorError) in try proxy.removeToxic(named: name) }
        return APIResponse.noContent()
    }

    private func proxy(_ context: BasicRequestContext) async throws -> Proxy {
        let name = context.parameters.get("proxy") ?? ""
        return try await apiCall { () async throws(FaultInjectorError) in try await registry.proxy(named: name) }
    }
}
