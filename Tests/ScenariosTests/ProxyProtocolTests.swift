import Scenarios
import Testing

/// `protocol:` on a target file's proxies.
@Suite struct ProxyProtocolTests {
    @Test func aProxyProtocolOtherThanTCPOrHTTPIsAnError() {
        let diagnostics = TargetLoaderTests.diagnostics(
            "url: http://h:1\nproxies: [ { name: a, listen: \"h:1\", upstream: \"h:2\", protocol: h2 } ]\n"
        )
        #expect(diagnostics.first?.message == "expected protocol tcp or http, found \"h2\"")
        #expect(diagnostics.first?.location.line == 2 && diagnostics.first?.location.column == 65)
    }
}
