import NIOCore

/// Splits each chunk into pieces of `average_size` ± `size_variation` bytes, `delay` microseconds apart.
public struct SlicerToxic: Toxic {
    public static let typeName = "slicer"
    public static let attributes = [
        ToxicAttribute("average_size", .integer(0...Int(Int32.max)), required: true),
        ToxicAttribute("size_variation", .integer(0...Int(Int32.max))),
        ToxicAttribute("delay", .microseconds),
    ]

    /// Mean piece size, bytes; 0 or less passes chunks whole.
    public var averageSize: Int
    /// Half-width of the uniform variation of the piece size, bytes (kept below `averageSize`).
    public var sizeVariation: Int
    /// Pause between pieces, µs.
    public var delay: Int

    private enum CodingKeys: String, CodingKey {
        case averageSize = "average_size"
        case sizeVariation = "size_variation"
        case delay
    }

    public init() { self.init(averageSize: 0, sizeVariation: 0, delay: 0) }

    public init(averageSize: Int, sizeVariation: Int = 0, delay: Int = 0) {
        self.averageSize = averageSize
        self.sizeVariation = sizeVariation
        self.delay = delay
    }

    public func problems() -> [String] {
        sizeVariation < averageSize || averageSize <= 0 ? [] : ["size_variation must be smaller than average_size"]
    }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        guard averageSize > 0 else { return [.deliver(chunk.bytes, at: chunk.instant)] }
        let variation = max(0, min(sizeVariation, averageSize - 1))
        var bytes = chunk.bytes
        var instant = chunk.instant
        var emissions: [Emission] = []
        while bytes.readableBytes > 0 {
            let size = averageSize + (variation > 0 ? Int.random(in: -variation...variation, using: &random) : 0)
            let piece = bytes.readSlice(length: min(max(1, size), bytes.readableBytes))!
            emissions.append(.deliver(piece, at: instant))
            instant += .microseconds(max(0, delay))
        }
        return emissions
    }
}
