/// How a byte of text is written inside a JSON string: the one rule JSON values and JSON templates share.
public enum JSONEscaping {
    /// Whether `byte` is written as it is.
    @inlinable
    public static func isSafe(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != 0x22 && byte != 0x5C }

    /// Appends `byte` to `out`, escaped when JSON requires it (`"`, `\`, control characters).
    @inlinable
    public static func append(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        case 0x00..<0x20:
            out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        default: out.append(byte)
        }
    }

    @usableFromInline
    static let hexDigits = Array("0123456789ABCDEF".utf8)
}
