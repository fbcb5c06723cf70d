import Basics

/// Escapes bytes for the place a template is used, appending to a buffer without intermediate strings.
@usableFromInline
enum TemplateEscaper {
    @usableFromInline static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inlinable
    static func append(_ bytes: some Sequence<UInt8>, escaping: Template.Escaping, to out: inout [UInt8]) {
        switch escaping {
        case .none: out.append(contentsOf: bytes)
        case .json: for byte in bytes { appendJSON(byte, to: &out) }
        case .query: for byte in bytes { appendPercent(byte, keep: isUnreserved(byte), to: &out) }
        case .path:
            for byte in bytes {
                appendPercent(byte, keep: isUnreserved(byte) || byte == 0x3A || byte == 0x40, to: &out)
            }
        case .header: for byte in bytes where byte != 0x0D && byte != 0x0A { out.append(byte) }
        }
    }

    /// True when no byte would change under `escaping`, so callers may copy a run as it is.
    @inlinable
    static func isSafe(_ byte: UInt8, for escaping: Template.Escaping) -> Bool {
        switch escaping {
        case .none: true
        case .json: JSONEscaping.isSafe(byte)
        case .query, .path: isUnreserved(byte)
        case .header: byte != 0x0D && byte != 0x0A
        }
    }

    @inlinable
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: true
        default: false
        }
    }

    @inlinable
    static func appendPercent(_ byte: UInt8, keep: Bool, to out: inout [UInt8]) {
        if keep {
            out.append(byte)
        } else {
            out.append(0x25)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
    }

    @inlinable
    static func appendJSON(_ byte: UInt8, to out: inout [UInt8]) { JSONEscaping.append(byte, to: &out) }
}
