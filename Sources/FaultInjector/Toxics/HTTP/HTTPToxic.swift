import NIOCore

/// A fault applied per HTTP/1.1 request on a proxy created with `protocol: http`: a pure decision, never an action.
///
/// Each toxic matches requests (``HTTPMatch``) and, for a matching request whose `toxicity` draw succeeds, adds its
/// part to the request's ``HTTPDecision``. The connection's ``HTTPExchange`` carries the decision out: it answers,
/// delays, cuts or edits in order, with the link's timers and back-pressure. The `stream` of an HTTP toxic only
/// names it; it acts on the exchange (the request and its response) either way.
///
/// An HTTP toxic is a ``Toxic`` so that the registry, the API and the timeline handle it like any other; the byte
/// chain never sees it (its `pipe` would pass bytes on unchanged).
public protocol HTTPToxic: Toxic {
    /// Which requests the toxic applies to.
    var match: HTTPMatch { get }

    /// Adds this toxic's part to the decision for a matching request.
    func decide(for request: HTTPHead, into decision: inout HTTPDecision, random: inout some RandomNumberGenerator)

    /// Throws a message for attributes that cannot work (a status outside 100…599, a bad glob…).
    func validate() throws(FaultInjectorError)
}

extension HTTPToxic {
    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        [.deliver(chunk.bytes, at: chunk.instant)]
    }

    /// The reasons ``validate()`` gives, as the registry asks for them.
    public func problems() -> [String] {
        do throws(FaultInjectorError) {
            try validate()
            return []
        } catch {
            if case .badRequest(let message) = error { return [message] }
            return [error.description]
        }
    }
}

/// What becomes of one request and its response, put together by the HTTP toxics that apply to it.
public struct HTTPDecision: Sendable {
    /// Answer with these bytes instead of forwarding the request (its body is consumed, not forwarded).
    public var answer: ByteBuffer?
    /// Hold the request (and what follows it on the connection) this long before forwarding it.
    public var delay: Duration = .zero
    /// Cut the response after this many bytes, counted from its status line; `reset` sends an RST, not a FIN.
    public var abort: (afterBytes: Int, reset: Bool)?
    /// Response header edits, in order.
    public var headerEdits: [HTTPHeaderEdit] = []
    /// The request was HEAD: its response has no body.
    var isHEAD = false
    /// The request asked to close the connection after its response.
    var closeAfter = false

    public init() {}
}

/// One change to a response's header fields.
public enum HTTPHeaderEdit: Sendable, Equatable {
    case set(name: String, value: String)
    case remove(name: String)
}
