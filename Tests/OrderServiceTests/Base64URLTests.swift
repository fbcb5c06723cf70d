import Foundation
import Testing

@testable import OrderService

@Suite struct Base64URLTests {
    @Test func decodesWhatFoundationEncodesAtEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.decode(encoded[...]) == bytes, "length \(length)")
        }
    }

    @Test(arguments: ["a", "ab=c", "a+bc", "a/bc", "ab c", "abcde", "AB"])
    func refusesWhatIsNotCanonicalBase64URL(text: String) {
        // "AB" leaves nonzero bits after its one byte ("AA" is the one spelling of 0x00).
        #expect(Base64URL.decode(text[...]) == nil)
    }
}
