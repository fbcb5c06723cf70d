import Crypto
import Foundation

/// Makes integration keys and the digests they are stored and looked up by.
///
/// A key carries 256 random bits, so a fast SHA-256 is the right digest: no dictionary attack applies,
/// and a lookup stays one index probe (bcrypt would cost ~100 ms per request).
enum APIKeyCodec {
    static let prefix = "osk_"

    /// A fresh key: the prefix and 64 hex digits from the system's secure generator.
    static func generateKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + hex(bytes)
    }

    static func digest(of key: String) -> String {
        hex(Array(SHA256.hash(data: Data(key.utf8))))
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
