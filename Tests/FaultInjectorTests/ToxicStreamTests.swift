import FaultInjector
import Foundation
import Testing

@Suite struct ToxicStreamTests {
    @Test func speaksToxiproxyNames() throws {
        let encoded = try JSONEncoder().encode([ToxicStream.upstream, .downstream])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["upstream","downstream"]"#)
        #expect(ToxicStream.default == .downstream)
    }

    @Test func refusesAnUnknownStream() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ToxicStream.self, from: Data(#""sideways""#.utf8))
        }
    }
}
