import Hummingbird

/// The per-request context: Hummingbird's core storage, the caller's identity once proven, the body limit.
public struct OrderServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware on routes that need a token.
    var identity: Identity?
    /// Set by the API key middleware on integration routes.
    var apiKey: APIKeyRecord?
    /// Bodies larger than this get 413; set from `http.maxBodyBytes` by the limits middleware.
    public var maxUploadSize: Int

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        apiKey = nil
        maxUploadSize = HTTPSettings().maxBodyBytes
    }

    /// The proven identity, or a 401 problem when the route was reached without one.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw ServiceError.unauthenticated }
        return identity
    }
}
