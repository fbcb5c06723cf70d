import NIOCore

/// Delays every chunk by `latency` ± `jitter` milliseconds (uniform jitter, as Toxiproxy).
public struct LatencyToxic: Toxic {
    public static let typeName = "latency"
    public static let attributes = [
        ToxicAttribute("latency", .milliseconds, aliases: ["delay"], required: true),
        ToxicAttribute("jitter", .milliseconds),
    ]

    /// Added delay, ms.
    public var latency: Int
    /// Half-width of the uniform jitter around `latency`, ms.
    public var jitter: Int

    public init() { self.init(latency: 0, jitter: 0) }

    public init(latency: Int, jitter: Int = 0) {
        self.latency = latency
        self.jitter = jitter
    }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        var delay = Duration.toxicMilliseconds(latency)
        if jitter > 0 {
            let spread = Int64(jitter) * 1_000_000
            delay += .nanoseconds(Int64.random(in: -spread..<spread, using: &random))
        }
        return [.deliver(chunk.bytes, at: chunk.instant + max(.zero, delay))]
    }
}
