import Foundation
import NIOCore

/// Flips one random bit in each byte with probability `probability`: packet corruption that TCP checksums let through.
///
/// Instead of a draw per byte it draws the gap to the next corrupted byte from the geometric distribution, which
/// is the same process and costs one draw per flip, so a small probability costs almost nothing per byte.
public struct CorruptToxic: Toxic {
    public static let typeName = "corrupt"
    public static let attributes = [ToxicAttribute("probability", .probability, required: true)]

    /// Chance that a given byte is corrupted, 0...1.
    public var probability: Double

    public init() { self.init(probability: 0) }

    public init(probability: Double) { self.probability = probability }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        guard probability > 0 else { return [.deliver(chunk.bytes, at: chunk.instant)] }
        var bytes = chunk.bytes
        let count = bytes.readableBytes
        var index = gap(&random)
        guard index < count else { return [.deliver(bytes, at: chunk.instant)] }
        bytes.withUnsafeMutableReadableBytes { raw in
            while index < count {
                raw[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
                index += 1 + gap(&random)
            }
        }
        return [.deliver(bytes, at: chunk.instant)]
    }

    /// The number of clean bytes before the next corrupted one.
    private func gap(_ random: inout some RandomNumberGenerator) -> Int {
        guard probability < 1 else { return 0 }
        let uniform = Double.random(in: Double.ulpOfOne...1, using: &random)
        let gap = (log(uniform) / log1p(-probability)).rounded(.down)
        return gap < Double(Int.max / 2) ? Int(gap) : Int.max / 2
    }
}
