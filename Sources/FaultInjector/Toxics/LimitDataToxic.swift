import NIOCore

/// Forwards at most `bytes` bytes on a connection, then closes it.
public struct LimitDataToxic: Toxic {
    public static let typeName = "limit_data"
    public static let attributes = [ToxicAttribute("bytes", .integer(0...Int.max), required: true)]

    /// Bytes allowed through before the close.
    public var bytes: Int
    /// Bytes passed so far on this connection.
    private var transmitted = 0

    private enum CodingKeys: String, CodingKey { case bytes }

    public init() { self.init(bytes: 0) }

    public init(bytes: Int) { self.bytes = bytes }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] {
        let remaining = max(0, bytes - transmitted)
        guard remaining > 0 else { return [.close(at: chunk.instant)] }
        if chunk.bytes.readableBytes < remaining {
            transmitted += chunk.bytes.readableBytes
            return [.deliver(chunk.bytes, at: chunk.instant)]
        }
        transmitted = bytes
        let allowed = chunk.bytes.getSlice(at: chunk.bytes.readerIndex, length: remaining)!
        return [.deliver(allowed, at: chunk.instant), .close(at: chunk.instant)]
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.bytes == rhs.bytes }
}
