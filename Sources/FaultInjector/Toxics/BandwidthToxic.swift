import NIOCore

/// Limits a direction to `rate` KB/s (1 KB = 1000 bytes); chunks over 100 ms worth of bytes go out in 100 ms slices.
public struct BandwidthToxic: Toxic {
    public static let typeName = "bandwidth"
    public static let attributes = [ToxicAttribute("rate", .integer(0...Int(Int32.max)), required: true)]

    /// Rate in KB/s; zero or less means no limit.
    public var rate: Int
    /// When the link is free again: the instant the last byte handed out finishes its transfer.
    private var free: ContinuousClock.Instant?

    private enum CodingKeys: String, CodingKey { case rate }

    public init() { self.init(rate: 0) }

    public init(rate: Int) { self.rate = rate }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        guard rate > 0 else { return [.deliver(chunk.bytes, at: chunk.instant)] }
        var bytes = chunk.bytes
        var instant = max(chunk.instant, free ?? chunk.instant)
        let sliceSize = rate * 100
        var emissions: [Emission] = []
        emissions.reserveCapacity(bytes.readableBytes / sliceSize + 1)
        while bytes.readableBytes > 0 {
            let slice = bytes.readSlice(length: min(sliceSize, bytes.readableBytes))!
            // bytes / (rate * 1000 B/s) seconds, in nanoseconds: bytes * 1_000_000 / rate.
            instant += .nanoseconds(Int64(slice.readableBytes) * 1_000_000 / Int64(rate))
            emissions.append(.deliver(slice, at: instant))
        }
        free = instant
        return emissions
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rate == rhs.rate }
}
