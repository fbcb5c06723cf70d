import Basics
import Foundation
import Testing

/// The shared leaf: URLs and addresses, the seeded generator, durations, JSON values and the one GET's parsing.
@Suite struct BasicsTests {
    @Test(arguments: [
        ("http://127.0.0.1:8080/api/", "http", "127.0.0.1", 8080, "/api", "127.0.0.1:8080"),
        ("https://example.com", "https", "example.com", 443, "", "example.com"),
        ("http://example.com", "http", "example.com", 80, "", "example.com"),
        ("https://[::1]:8443/x", "https", "::1", 8443, "/x", "[::1]:8443"),
        ("HTTPS://h:443", "https", "h", 443, "", "h"),
    ])
    func baseURLsParse(text: String, scheme: String, host: String, port: Int, prefix: String, hostHeader: String) {
        guard case .success(let url) = BaseURL.parse(text) else {
            Issue.record("\(text) did not parse")
            return
        }
        #expect(url.scheme == scheme && url.host == host && url.port == port && url.pathPrefix == prefix)
        #expect(url.hostHeader == hostHeader)
        #expect(url.isSecure == (scheme == "https"))
    }

    @Test(arguments: [
        ("ftp://h", "an http:// or https:// URL"), ("h:80", "expected http://host:port"),
        ("http://h:0", "outside 1...65535"), ("http://h:x", "expected a port number"),
        ("http://h/p?q=1", "takes no query"), ("http://[::1", "unclosed ["), ("http://:80", "expected a host name"),
    ])
    func badBaseURLsSayWhy(text: String, reason: String) {
        guard case .failure(let failure) = BaseURL.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(failure.description.contains(reason), "\(failure)")
    }

    @Test func hostAndPortReadToxiproxysAddresses() {
        #expect(HostAndPort("127.0.0.1:8474") == HostAndPort(host: "127.0.0.1", port: 8474))
        #expect(HostAndPort("[::1]:80")?.description == "[::1]:80")
        #expect(HostAndPort(":9000")?.host == "0.0.0.0")
        #expect(HostAndPort("nohost") == nil)
        #expect(HostAndPort("h:70000") == nil)
    }

    @Test func splitMix64IsTheReferenceSequence() {
        // The first outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        var again = SplitMix64(seed: 0)
        _ = again.next()
        #expect(again.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func durationsConvert() {
        #expect(Duration.milliseconds(1500).inSeconds == 1.5)
        #expect(Duration.seconds(exactly: 0.25) == .milliseconds(250))
        #expect(Duration.seconds(2).nanosecondsClamped == 2_000_000_000)
        #expect(Duration.seconds(Int64.max / 10).nanosecondsClamped == .max)
    }

    @Test func jsonValuesRoundTripAndPrintStably() throws {
        let value = JSONValue.object([
            "b": .array([.number(1), .number(2.5), .bool(true), .null]), "a": .string("line\n\"quoted\"\u{1}"),
        ])
        #expect(value.description == #"{"a":"line\n\"quoted\"\u0001","b":[1,2.5,true,null]}"#)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(decoded == value)
    }

    @Test func getReadsURLsAndAnswers() throws {
        #expect(HTTPGet(url: "http://127.0.0.1:9/metrics?x=1")?.path == "/metrics?x=1")
        #expect(HTTPGet(url: "https://127.0.0.1/metrics")?.port == 443)
        #expect(HTTPGet(url: "ftp://127.0.0.1/metrics") == nil)
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
        #expect(try HTTPGet.body(of: chunked) == "abcde")
        #expect(throws: HTTPGet.Problem.self) { try HTTPGet.body(of: "HTTP/1.1 503 No\r\n\r\nx") }
        #expect(HTTPGet.statusCode(in: "HTTP/1.1 204 No Content\r\n") == 204)
        #expect(HTTPGet.statusCode(in: "SSH-2.0\r\n") == -1)
    }

    @Test func anHTTPSGetWithoutTLSSettingsFailsClearly() async throws {
        let get = try #require(HTTPGet(url: "https://127.0.0.1:9/health"))
        let error = await #expect(throws: HTTPGet.Problem.self) { try await get.status() }
        #expect(error?.description.contains("no TLS settings") == true)
    }
}
