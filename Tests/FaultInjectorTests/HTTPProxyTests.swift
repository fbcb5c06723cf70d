import FaultInjector
import Foundation
import TestSupport
import Testing

/// HTTP-mode proxies on real sockets: framing of keep-alive, pipelined and chunked traffic, and each HTTP toxic.
@Suite(.timeLimit(.minutes(1))) struct HTTPProxyTests {
    @Test func keepAliveRequestsPassThroughUnchanged() async throws {
        try await HTTPProxyFixture.with { fixture in
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [get("/a"), get("/chunked/2500"), get("/bytes/70000")],
                expect: 3
            )
            #expect(result.responses.map(\.status) == [200, 200, 200])
            #expect(result.responses.first?.text == "GET /a 0")
            #expect(result.responses.dropFirst().first?.body == Array(repeating: UInt8(ascii: "y"), count: 2500))
            #expect(result.responses.last?.body.count == 70000)
            #expect(fixture.server.requests == 3)
            #expect(fixture.proxy.unparsedConnections == 0)
        }
    }

    @Test func statusAnswersPipelinedMatchingRequestsInOrder() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(
                ToxicSpec(
                    toxic: HTTPStatusToxic(status: 503, body: "down", retryAfter: 7, match: HTTPMatch(path: "/b*"))
                )
            )
            let paths = ["/a1", "/b1", "/a2", "/b2", "/b3", "/a3"]
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [paths.map { get($0) }.joined()],
                expect: paths.count
            )
            #expect(result.responses.map(\.status) == [200, 503, 200, 503, 503, 200])
            #expect(
                result.responses.filter { $0.status == 200 }.map(\.text) == ["GET /a1 0", "GET /a2 0", "GET /a3 0"]
            )
            let answer = result.responses[1]
            #expect(answer.text == "down")
            #expect(answer.header("Retry-After") == "7")
            #expect(answer.header("Content-Length") == "4")
            #expect(fixture.server.requests == 3)
        }
    }

    @Test func statusConsumesContentLengthAndChunkedBodies() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(
                ToxicSpec(toxic: HTTPStatusToxic(status: 429, match: HTTPMatch(method: "POST")))
            )
            let body = String(repeating: "b", count: 20000)
            let sized = "POST /orders HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            let chunked =
                "POST /orders HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\nTrailer: t\r\n\r\n"
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [sized, chunked + get("/after") + "PUT /put HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz"],
                expect: 4
            )
            #expect(result.responses.map(\.status) == [429, 429, 200, 200])
            #expect(result.responses[2].text == "GET /after 0")
            #expect(result.responses[3].text == "PUT /put 3")
            #expect(fixture.server.requests == 2)
        }
    }

    @Test func latencyHoldsMatchingRequestsAndWhatIsPipelinedBehind() async throws {
        try await HTTPProxyFixture.with { fixture in
            // An unmatched request is not held: with 30 s on /slow, /fast still answers well within it (the bound is
            // loose because the machine may be busy with other suites, yet far below what a held request would take).
            try fixture.proxy.addToxic(
                ToxicSpec(name: "huge", toxic: HTTPLatencyToxic(latency: 30_000, match: HTTPMatch(path: "/slow")))
            )
            let started = ContinuousClock.now
            let fast = try await HTTPTestClient.converse(port: fixture.port, [get("/fast")], expect: 1)
            #expect(ContinuousClock.now - started < .seconds(15))
            #expect(fast.responses.first?.text == "GET /fast 0")
            try fixture.proxy.removeToxic(named: "huge")
            try fixture.proxy.addToxic(
                ToxicSpec(toxic: HTTPLatencyToxic(latency: 200, match: HTTPMatch(path: "/slow")))
            )
            let begun = ContinuousClock.now
            let slow = try await HTTPTestClient.converse(
                port: fixture.port,
                [get("/slow") + get("/fast2")],
                expect: 2
            )
            #expect(ContinuousClock.now - begun >= .milliseconds(200))
            #expect(slow.responses.map(\.text) == ["GET /slow 0", "GET /fast2 0"])
        }
    }

    @Test func latencyHoldsAChunkedRequestAndPassesAChunkedResponseWhole() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(
                ToxicSpec(toxic: HTTPLatencyToxic(latency: 200, match: HTTPMatch(method: "POST", path: "/slow")))
            )
            let chunked =
                "POST /slow HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n"
            let begun = ContinuousClock.now
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [chunked + get("/chunked/2500")],
                expect: 2
            )
            #expect(ContinuousClock.now - begun >= .milliseconds(200))
            #expect(result.responses.first?.text == "POST /slow 8")
            #expect(result.responses.last?.status == 200)
            #expect(result.responses.last?.body.count == 2500)
        }
    }

    @Test func abortCutsTheResponseAfterItsBytes() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(
                ToxicSpec(toxic: HTTPAbortToxic(afterBytes: 40, match: HTTPMatch(path: "/bytes/*")))
            )
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [get("/ok") + get("/bytes/5000") + get("/never")],
                expect: 3
            )
            #expect(result.ending == "eof")
            #expect(result.responses.count == 1)
            let first = HTTPTestClient.framed(result.received).first
            let firstLength = result.received.count - 40
            #expect(first?.text == "GET /ok 0")
            #expect(firstLength > 0)
            #expect(String(decoding: result.received[firstLength...], as: UTF8.self).hasPrefix("HTTP/1.1 200 OK"))
        }
    }

    @Test func abortAtZeroWithResetSendsAnRSTBeforeTheStatusLine() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: HTTPAbortToxic(afterBytes: 0, reset: true)))
            let result = try await HTTPTestClient.converse(port: fixture.port, [get("/chunked/3000")], expect: 1)
            #expect(result.received.isEmpty)
            #expect(result.ending != nil && result.ending != "eof", "ended with \(result.ending ?? "timeout")")
        }
    }

    @Test func abortCutsAChunkedResponseMidBody() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: HTTPAbortToxic(afterBytes: 300)))
            let result = try await HTTPTestClient.converse(port: fixture.port, [get("/chunked/5000")], expect: 1)
            #expect(result.received.count == 300)
            #expect(result.ending == "eof")
        }
    }

    @Test func headerSetsAndRemovesResponseHeaders() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(
                ToxicSpec(
                    toxic: HTTPHeaderToxic(
                        setName: "X-Fault",
                        setValue: "injected",
                        removeName: "x-server",
                        match: HTTPMatch(headerName: "x-tenant", headerValue: "t-*")
                    )
                )
            )
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [
                    get("/chunked/1500", headers: "X-Tenant: t-1\r\n") + get("/plain")
                        + get("/bytes/10", headers: "x-tenant: t-2\r\n")
                ],
                expect: 3
            )
            #expect(result.responses.map { $0.header("X-Fault") } == ["injected", nil, "injected"])
            #expect(result.responses.map { $0.header("X-Server") } == [nil, "path", nil])
            #expect(result.responses[0].body.count == 1500)
            #expect(result.responses[2].body.count == 10)
        }
    }

    @Test func headResponsesHaveNoBodyWhateverTheirLength() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: HTTPHeaderToxic(setName: "X-Seen", setValue: "1")))
            let head = "HEAD /bytes/100 HTTP/1.1\r\nHost: t\r\n\r\n"
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [head + get("/bytes/3")],
                expect: 2,
                bodiless: [0]
            )
            #expect(result.responses.map { $0.header("X-Seen") } == ["1", "1"])
            #expect(result.responses.last?.text == "xxx")
        }
    }

    @Test func toxicityIsDrawnPerRequest() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxicity: 0.3, toxic: HTTPStatusToxic(status: 503)))
            let count = 400
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [String(repeating: get("/p"), count: count)],
                expect: count
            )
            let answered = result.responses.filter { $0.status == 503 }.count
            #expect(result.responses.count == count)
            #expect((80...160).contains(answered), "\(answered) of \(count) answered")
            #expect(fixture.server.requests == count - answered)
        }
    }

    @Test func toxicsAddedAndRemovedMidConnectionApplyToTheNextRequest() async throws {
        try await HTTPProxyFixture.with { fixture in
            let proxy = fixture.proxy
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [get("/1"), get("/2"), get("/3")],
                expect: 3,
                timeout: .seconds(30)
            ) { step in
                if step == 0 { try proxy.addToxic(ToxicSpec(name: "s", toxic: HTTPStatusToxic(status: 500))) }
                if step == 1 { try proxy.removeToxic(named: "s") }
                // A change reaches each open connection as a task on its event loop: it applies to the requests
                // read after that task ran, so give a busy loop a moment before the next request.
                try await Task.sleep(for: .milliseconds(300))
            }
            #expect(result.responses.map(\.status) == [200, 500, 200])
        }
    }

    @Test func tlsAndHTTP2BytesPassThroughAndAreCounted() async throws {
        let echo = try await EchoServer.start()
        let proxy = try Proxy(ProxyConfiguration(name: "raw", upstream: "127.0.0.1:\(echo.port)", protocol: .http))
        try await proxy.start()
        let port = listenPort(of: proxy)
        try proxy.addToxic(ToxicSpec(toxic: HTTPStatusToxic(status: 503)))
        let clientHello: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x03]
        let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + [0, 0, 0, 4, 0, 0, 0, 0, 0]
        for (index, bytes) in [clientHello, preface].enumerated() {
            let result = try await LoopbackClient.exchange(port: port, send: bytes, expect: bytes.count)
            #expect(result.received == bytes)
            #expect(proxy.unparsedConnections == index + 1)
        }
        await proxy.stop()
        await echo.stop()
    }

    @Test func malformedMessageMidConnectionFallsBackToPassThrough() async throws {
        try await HTTPProxyFixture.with { fixture in
            try fixture.proxy.addToxic(ToxicSpec(toxic: HTTPHeaderToxic(setName: "X-Seen", setValue: "1")))
            let result = try await HTTPTestClient.converse(
                port: fixture.port,
                [get("/first") + "GET /x HTTP/1.1\r\nBad Header\r\n\r\n"],
                expect: 2,
                timeout: .seconds(5)
            )
            #expect(result.responses.first?.text == "GET /first 0")
            #expect(result.responses.first?.header("X-Seen") == "1")
            #expect(fixture.proxy.unparsedConnections == 1)
        }
    }
}

private func listenPort(of proxy: Proxy) -> Int {
    Int(proxy.configuration.listen.split(separator: ":").last!)!
}
