import Hummingbird

/// The `/proxies`, `/populate` and `/reset` routes.
struct ProxyController: Sendable {
    let registry: ProxyRegistry

    @Sendable func index(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let proxies = await registry.all
        return APIResponse.json(Dictionary(uniqueKeysWithValues: proxies.map { ($0.name, ProxyJSON($0)) }))
    }

    @Sendable func create(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await decodeBody(ProxyRequest.self, from: request)
        let proxy = try await apiCall { () async throws(FaultInjectorError) in
            try await registry.create(body.creating())
        }
        return APIResponse.json(ProxyJSON(proxy), status: .created)
    }

    @Sendable func populate(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let bodies = try await decodeBody([ProxyRequest].self, from: request)
        var configurations: [ProxyConfiguration] = []
        for body in bodies {
            configurations.append(try await apiCall { () throws(FaultInjectorError) in try body.creating() })
        }
        do {
            let proxies = try await registry.populate(configurations)
            return APIResponse.json(["proxies": proxies.map(ProxyJSON.init)], status: .created)
        } catch {
            throw APIError(error.error, proxies: error.proxies.map(ProxyJSON.init))
        }
    }

    @Sendable func show(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let proxy = try await proxy(context)
        return APIResponse.json(ProxyJSON(proxy))
    }

    @Sendable func update(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let proxy = try await proxy(context)
        let body = try await decodeBody(ProxyRequest.self, from: request)
        try await apiCall { () async throws(FaultInjectorError) in
            try await proxy.update(body.applied(to: proxy.configuration))
        }
        return APIResponse.json(ProxyJSON(proxy))
    }

    @Sendable func delete(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let name = context.parameters.get("proxy") ?? ""
        try await apiCall { () async throws(FaultInjectorError) in try await registry.delete(named: name) }
        return APIResponse.noContent()
    }

    @Sendable func reset(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await apiCall { () async throws(FaultInjectorError) in try await registry.reset() }
        return APIResponse.noContent()
    }

    private func proxy(_ context: BasicRequestContext) async throws -> Proxy {
        let name = context.parameters.get("proxy") ?? ""
        return try await apiCall { () async throws(FaultInjectorError) in try await registry.proxy(named: name) }
    }
}
