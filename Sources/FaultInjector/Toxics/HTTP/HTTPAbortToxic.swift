/// Cuts a matching request's response after `after_bytes` bytes (counted from its status line; 0 cuts before it),
/// closing the connection with a FIN or, with `reset: true`, an RST.
public struct HTTPAbortToxic: HTTPToxic {
    public static let typeName = "http_abort"
    public static let attributes =
        [ToxicAttribute("after_bytes", .integer(0...Int.max)), ToxicAttribute("reset", .flag)] + HTTPMatch.attributes

    /// Response bytes let through before the cut.
    public var afterBytes: Int
    /// Reset (RST) instead of closing (FIN).
    public var reset: Bool
    public var match: HTTPMatch

    private enum CodingKeys: String, CodingKey {
        case afterBytes = "after_bytes"
        case reset
    }

    public init() { self.init(afterBytes: 0) }

    public init(afterBytes: Int, reset: Bool = false, match: HTTPMatch = HTTPMatch()) {
        self.afterBytes = afterBytes
        self.reset = reset
        self.match = match
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        afterBytes = try container.decodeIfPresent(Int.self, forKey: .afterBytes) ?? 0
        reset = try container.decodeIfPresent(Bool.self, forKey: .reset) ?? false
        match = try HTTPMatch(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(afterBytes, forKey: .afterBytes)
        try container.encode(reset, forKey: .reset)
        try match.encode(to: encoder)
    }

    public func validate() throws(FaultInjectorError) {
        guard afterBytes >= 0 else { throw .badRequest("after_bytes must be 0 or more") }
        try match.validate()
    }

    public func decide(
        for request: HTTPHead,
        into decision: inout HTTPDecision,
        random: inout some RandomNumberGenerator
    ) {
        let earlier = decision.abort?.afterBytes ?? .max
        if afterBytes < earlier { decision.abort = (afterBytes, reset) }
    }
}
