/// Why a proxy or toxic operation was refused, worded as Toxiproxy words it where Toxiproxy has the same error.
public enum FaultInjectorError: Error, Equatable, Sendable, CustomStringConvertible {
    case badRequest(String)
    case missingField(String)
    case invalidAddress(String, String)
    case proxyNotFound
    case proxyExists
    case invalidStream
    case invalidToxicType(String)
    case toxicExists
    case toxicNotFound
    case listenFailed(String, String)

    public var description: String {
        switch self {
        case .badRequest(let detail): "bad request body: \(detail)"
        case .missingField(let field): "missing required field: \(field)"
        case .invalidAddress(let field, let value): "invalid \(field) address \"\(value)\": expected host:port"
        case .proxyNotFound: "proxy not found"
        case .proxyExists: "proxy already exists"
        case .invalidStream: "stream was invalid, can be either upstream or downstream"
        case .invalidToxicType: "invalid toxic type"
        case .toxicExists: "toxic already exists"
        case .toxicNotFound: "toxic not found"
        case .listenFailed(let address, let reason): "cannot listen on \(address): \(reason)"
        }
    }

    /// The HTTP status Toxiproxy answers with for this error.
    public var status: Int {
        switch self {
        case .badRequest, .missingField, .invalidAddress, .invalidStream, .invalidToxicType: 400
        case .proxyNotFound, .toxicNotFound: 404
        case .proxyExists, .toxicExists: 409
        case .listenFailed: 500
        }
    }
}
