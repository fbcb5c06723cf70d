import NIOCore

/// Drops whole chunks with probability `probability`: the stream loses data the way a lossy link with no retransmit would.
public struct PacketLossToxic: Toxic {
    public static let typeName = "packet_loss"
    public static let attributes = [ToxicAttribute("probability", .probability, required: true)]

    /// Chance that a chunk is dropped, 0...1.
    public var probability: Double

    public init() { self.init(probability: 0) }

    public init(probability: Double) { self.probability = probability }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        if probability > 0, Double.random(in: 0..<1, using: &random) < probability { return [] }
        return [.deliver(chunk.bytes, at: chunk.instant)]
    }
}
