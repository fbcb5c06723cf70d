/// Random signing secrets for development runs that configure none.
enum SigningSecret {
    /// 48 random bytes as hex: well above the 32 bytes HS256 needs.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<48).map { _ in String(UInt8.random(in: .min ... .max, using: &generator), radix: 16) }.joined()
    }
}
