import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage, the caller's identity once proven, the body limit.
public struct OrderServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware on routes that need a token.
    var identity: Identity?
    /// Set by the API key middleware on integration routes.
    var apiKey: APIKeyRecord?
    /// Bodies larger than this get 413; set from `http.maxBodyBytes` by the limits middleware.
    public var maxUploadSize: Int
    /// The peer's address, which the per-IP rate limit is keyed by; nil when there is no socket (router tests).
    let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        apiKey = nil
        maxUploadSize = HTTPSettings().maxBodyBytes
        remoteAddress = source.channel.remoteAddress
    }

    /// The proven identity, or a 401 problem when the route was reached without one.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw ServiceError.unauthenticated }
        return identity
    }
}
