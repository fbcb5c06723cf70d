/// Holds a matching request `latency` ± `jitter` ms before forwarding it; requests pipelined behind it wait too,
/// so the order on the connection holds.
public struct HTTPLatencyToxic: HTTPToxic {
    public static let typeName = "http_latency"
    public static let attributes =
        [
            ToxicAttribute("latency", .milliseconds, aliases: ["delay"], required: true),
            ToxicAttribute("jitter", .milliseconds),
        ] + HTTPMatch.attributes

    /// Added delay, ms.
    public var latency: Int
    /// Half-width of the uniform jitter around `latency`, ms.
    public var jitter: Int
    public var match: HTTPMatch

    private enum CodingKeys: String, CodingKey { case latency, jitter }

    public init() { self.init(latency: 0) }

    public init(latency: Int, jitter: Int = 0, match: HTTPMatch = HTTPMatch()) {
        self.latency = latency
        self.jitter = jitter
        self.match = match
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        latency = try container.decodeIfPresent(Int.self, forKey: .latency) ?? 0
        jitter = try container.decodeIfPresent(Int.self, forKey: .jitter) ?? 0
        match = try HTTPMatch(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(latency, forKey: .latency)
        try container.encode(jitter, forKey: .jitter)
        try match.encode(to: encoder)
    }

    public func validate() throws(FaultInjectorError) {
        guard latency >= 0, jitter >= 0 else { throw .badRequest("latency and jitter must be 0 or more ms") }
        try match.validate()
    }

    public func decide(
        for request: HTTPHead,
        into decision: inout HTTPDecision,
        random: inout some RandomNumberGenerator
    ) {
        var delay = Duration.toxicMilliseconds(latency)
        if jitter > 0 {
            let spread = Int64(jitter) * 1_000_000
            delay += .nanoseconds(Int64.random(in: -spread..<spread, using: &random))
        }
        decision.delay += max(.zero, delay)
    }
}
