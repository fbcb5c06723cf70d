import NIOCore
import Testing

@testable import FaultInjector

/// The framer without sockets: message boundaries, whatever way the bytes are split, and refusal of non-HTTP bytes.
@Suite struct HTTPFramerTests {
    /// Frames `bytes` fed in pieces of `step` bytes; heads as start lines, bodies as total sizes, ends as "end".
    private func frames(_ text: String, kind: HTTPHead.Kind, step: Int, bodiless: Bool = false) throws -> [String] {
        var framer = HTTPFramer(kind: kind)
        var out: [String] = []
        var body = 0
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: step) {
            framer.append(ByteBuffer(bytes: bytes[start..<min(bytes.count, start + step)]))
            while let frame = try framer.next(bodiless: bodiless) {
                switch frame {
                case .head(let head):
                    out.append(kind == .request ? "\(head.methodName) \(head.path)" : "\(head.status)")
                case .body(let bytes): body += bytes.readableBytes
                case .end:
                    out.append("end \(body)")
                    body = 0
                }
            }
        }
        return out
    }

    @Test(arguments: [1, 3, 7, 64, 10_000])
    func pipelinedRequestsWithBodiesAndTrailers(step: Int) throws {
        let text =
            "GET /a?q=1 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
            + "\r\nPUT /c HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n4;ext=1\r\nwxyz\r\n0\r\nX-T: 1\r\n\r\n"
            + "DELETE /d HTTP/1.0\r\n\r\n"
        // The chunked body counts its framing: "4;ext=1\r\n" 9 + "wxyz\r\n" 6 + "0\r\n" 3 + "X-T: 1\r\n" 8 + "\r\n" 2.
        #expect(
            try frames(text, kind: .request, step: step)
                == ["GET /a", "end 0", "POST /b", "end 5", "PUT /c", "end 28", "DELETE /d", "end 0"]
        )
    }

    @Test(arguments: [1, 5, 10_000])
    func responsesWithoutBodies(step: Int) throws {
        let text =
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n"
            + "HTTP/1.1 304 Not Modified\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        #expect(
            try frames(text, kind: .response, step: step)
                == ["100", "end 0", "204", "end 0", "304", "end 0", "200", "end 2"]
        )
    }

    @Test func aResponseToHEADHasNoBody() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
        #expect(try frames(text, kind: .response, step: 100, bodiless: true) == ["200", "end 0"])
    }

    @Test func aResponseWithoutLengthRunsUntilTheClose() throws {
        var framer = HTTPFramer(kind: .response)
        framer.append(ByteBuffer(string: "HTTP/1.1 200 OK\r\n\r\nabc"))
        guard case .head = try framer.next() else { Issue.record("no head"); return }
        guard case .body(let body) = try framer.next() else { Issue.record("no body"); return }
        #expect(body.readableBytes == 3)
        #expect(framer.endsAtClose)
    }

    @Test(
        arguments: [
            [0x16, 0x03, 0x01, 0x02, 0x00],  // TLS ClientHello
            Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8),  // HTTP/2 preface
            Array("GET / HTTP/1.1\r\nBad Header\r\n\r\n".utf8),
            Array("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n".utf8),
            Array("GET / HTTP/1.1\r\n folded: x\r\n\r\n".utf8),
        ] as [[UInt8]]
    )
    func notHTTP11Throws(bytes: [UInt8]) {
        var framer = HTTPFramer(kind: .request)
        framer.append(ByteBuffer(bytes: bytes))
        #expect(throws: HTTPFramer.Malformed.self) {
            while try framer.next() != nil {}
        }
    }

    @Test func aBadChunkSizeThrowsWithTheBytesNotHandedOn() throws {
        var framer = HTTPFramer(kind: .request)
        framer.append(ByteBuffer(string: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nrest"))
        _ = try framer.next()
        do {
            _ = try framer.next()
            Issue.record("no error")
        } catch {
            #expect(String(buffer: error.unframed) == "zz\r\nrest")
        }
    }

    @Test func headersEditByName() throws {
        var head = try #require(
            HTTPHead(Array("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\na: 3\r\n\r\n".utf8), kind: .response)
        )
        head.removeHeader("a")
        head.setHeader("B", "9")
        head.setHeader("C", "x y")
        #expect(String(decoding: head.bytes, as: UTF8.self) == "HTTP/1.1 200 OK\r\nB: 9\r\nC: x y\r\n\r\n")
        #expect(head.value(forHeader: "c") == "x y")
    }

    @Test(arguments: [
        ("/api/v1/orders/*", "/api/v1/orders/7", true),
        ("/api/v1/orders/*", "/api/v1/orders/7/items", true),
        ("/api/v1/orders/*", "/api/v1/orders", false),
        ("/a?c", "/abc", true),
        ("/a?c", "/ac", false),
        ("*", "/anything", true),
        ("/x*y*z", "/xaaybbz", true),
        ("/x*y*z", "/xaaybb", false),
    ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(HTTPMatch.glob(pattern, matches: path) == matches)
    }
}
