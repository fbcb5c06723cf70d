/// The ZigZag LEB128 variable-length integers of the HdrHistogram V2 counts payload (at most 9 bytes per value).
enum ZigZagVarint {
    /// Appends `value` ZigZag-encoded: 7 bits per byte for the first 8 bytes, a full 9th byte if needed.
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        var encoded = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        for _ in 0..<8 {
            if encoded >> 7 == 0 {
                bytes.append(UInt8(encoded))
                return
            }
            bytes.append(UInt8(encoded & 0x7F) | 0x80)
            encoded >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: encoded))
    }

    /// Reads one value at `offset`, advancing it; nil when the bytes end in the middle of a value.
    static func read(_ bytes: [UInt8], at offset: inout Int) -> Int64? {
        var result: UInt64 = 0
        for position in 0..<9 {
            guard offset < bytes.count else { return nil }
            let byte = UInt64(bytes[offset])
            offset += 1
            if position == 8 {
                result |= byte << 56
                break
            }
            result |= (byte & 0x7F) << UInt64(7 * position)
            if byte & 0x80 == 0 { break }
        }
        return Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
    }
}
