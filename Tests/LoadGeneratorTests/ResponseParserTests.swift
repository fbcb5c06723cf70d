import NIOCore
import Testing

@testable import LoadGenerator

@Suite struct ResponseParserTests {
    /// Feeds `text` in pieces of `pieceSize` bytes and returns the statuses and wire sizes of the responses completed.
    static func parse(
        _ text: String,
        pieceSize: Int = .max,
        collect: Bool = false,
        head: Bool = false
    ) throws -> [HTTPResponse] {
        var parser = ResponseParser()
        parser.collects = collect
        parser.answersHead = head
        var responses: [HTTPResponse] = []
        var pending = ByteBuffer()
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + min(pieceSize, bytes.count))
            pending.writeBytes(bytes[offset..<end])
            offset = end
            while let response = try parser.parse(&pending) { responses.append(response) }
        }
        if let last = parser.finishAtClose() { responses.append(last) }
        return responses
    }

    static let keepAlive = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello"
    static let chunked =
        "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n5;ext=1\r\npedia\r\n0\r\nX-T: 1\r\n\r\n"

    @Test(arguments: [1, 2, 3, 7, 64, Int.max])
    func framesResponsesHoweverTheBytesAreSplit(pieceSize: Int) throws {
        let stream = Self.keepAlive + Self.chunked + "HTTP/1.1 204 No Content\r\n\r\n" + Self.keepAlive
        let responses = try Self.parse(stream, pieceSize: pieceSize)
        #expect(responses.map(\.status) == [200, 201, 204, 200])
        #expect(responses.map(\.wireBytes).reduce(0, +) == stream.utf8.count)
        #expect(responses.allSatisfy { $0.keepAlive })
    }

    @Test func collectsHeadersAndDecodedBody() throws {
        let response = try #require(try Self.parse(Self.chunked, pieceSize: 5, collect: true).first)
        #expect(String(buffer: response.body) == "wikipedia")
        #expect(response.header("transfer-encoding") == "chunked")
        let plain = try #require(try Self.parse(Self.keepAlive, collect: true).first)
        #expect(String(buffer: plain.body) == "hello" && plain.header("Server") == "x")
    }

    @Test func skipsInterimResponsesAndKnowsBodylessOnes() throws {
        let continued = try Self.parse("HTTP/1.1 100 Continue\r\n\r\n" + Self.keepAlive)
        #expect(continued.map(\.status) == [200])
        let head = try Self.parse("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n" + Self.keepAlive, head: true)
        #expect(head.first?.status == 200 && head.first?.wireBytes == 39)
    }

    @Test func readsBodiesUntilCloseAndHonoursConnectionClose() throws {
        let untilClose = try Self.parse("HTTP/1.0 200 OK\r\n\r\nall of it", pieceSize: 4)
        #expect(untilClose.count == 1 && untilClose[0].wireBytes == 28 && !untilClose[0].keepAlive)
        let closing = try Self.parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        #expect(closing.count == 1 && !closing[0].keepAlive)
        let http10 = try Self.parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
        #expect(http10.first?.keepAlive == true)
    }

    @Test(arguments: [
        "HTTX/1.1 200 OK\r\n\r\n",
        "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n",
        "HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 20\r\nContent-Length: 0\r\n\r\n",
    ])
    func refusesMalformedResponses(text: String) {
        #expect(throws: MalformedResponse.self) { try Self.parse(text) }
    }

    @Test func refusesAHeadThatNeverEnds() {
        let endless = "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Filler: 0123456789\r\n", count: 4_000)
        #expect(throws: MalformedResponse.self) { try Self.parse(endless, pieceSize: 1_000) }
    }

    @Test func acceptsAStatusLineWithoutReason() throws {
        #expect(try Self.parse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n").map(\.status) == [200])
    }

    @Test func encodesRequestsOnce() {
        let target = HTTPTarget(host: "127.0.0.1", port: 8080, basePath: "/api")
        let request = PlannedRequest(
            name: "create",
            method: "POST",
            path: "/orders?x=1",
            headers: [.init("Content-Type", "application/json")],
            body: Array("{}".utf8)
        )
        let bytes = RequestEncoder.encode(request, for: target, allocator: ByteBufferAllocator())
        #expect(
            String(buffer: bytes)
                == "POST /api/orders?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: ordeal/0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        )
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/base/", HTTPTarget(host: "127.0.0.1", port: 8080, basePath: "/base")),
        ("http://localhost", HTTPTarget(host: "localhost", port: 80)),
        ("http://[::1]:9000", HTTPTarget(host: "::1", port: 9000)),
        ("https://example.com/api", HTTPTarget(host: "example.com", port: 443, basePath: "/api", isSecure: true)),
        ("https://127.0.0.1:8443", HTTPTarget(host: "127.0.0.1", port: 8443, isSecure: true)),
    ])
    func parsesTargetURLs(url: String, expected: HTTPTarget) throws {
        #expect(try HTTPTarget(url: url) == expected)
    }

    @Test(arguments: [
        "ftp://x", "http://:80", "http://host:0", "http://host:99999", "http://h:x", "https://",
    ])
    func refusesTargetURLsWithAReason(url: String) {
        #expect(throws: HTTPTarget.InvalidURL.self) { try HTTPTarget(url: url) }
    }
}
