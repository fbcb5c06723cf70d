import NIOCore

/// Swallows the first chunk, waits `timeout` ms, then resets both sockets (SO_LINGER 0, so the peers see a TCP RST).
public struct ResetPeerToxic: Toxic {
    public static let typeName = "reset_peer"
    public static let attributes = [ToxicAttribute("timeout", .milliseconds)]

    /// Delay between the first chunk and the reset, ms.
    public var timeout: Int
    /// Whether the reset is already on its way; later chunks are dropped.
    private var triggered = false

    private enum CodingKeys: String, CodingKey { case timeout }

    public init() { self.init(timeout: 0) }

    public init(timeout: Int) { self.timeout = timeout }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        guard !triggered else { return [] }
        triggered = true
        return [.reset(at: chunk.instant + .toxicMilliseconds(timeout))]
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.timeout == rhs.timeout }
}
