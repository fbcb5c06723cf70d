import NIOCore

/// Holds the end of the stream (the FIN) back for `delay` milliseconds; data passes untouched.
public struct SlowCloseToxic: Toxic {
    public static let typeName = "slow_close"
    public static let attributes = [ToxicAttribute("delay", .milliseconds, required: true)]

    /// How long the close waits, ms.
    public var delay: Int

    public init() { self.init(delay: 0) }

    public init(delay: Int) { self.delay = delay }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        [.deliver(chunk.bytes, at: chunk.instant)]
    }

    public mutating func end(at instant: ContinuousClock.Instant) -> [Emission] {
        [.end(at: instant + .toxicMilliseconds(delay))]
    }
}
