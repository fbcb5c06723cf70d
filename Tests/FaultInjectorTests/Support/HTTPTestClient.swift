import Basics
import FaultInjector
import Foundation
import NIOCore
import TestSupport

/// One response as the test client read it.
struct ReadResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// What one connection received: the responses it could frame, the bytes, and how it ended.
struct Conversation {
    var responses: [ReadResponse] = []
    var received: [UInt8] = []
    var ending: String?
}

/// A raw HTTP/1.1 client for the proxy tests: writes bytes as given (pipelined if several requests), reads until it
/// has `count` whole responses, the end of the stream, or the timeout. Its framing is its own, kept simple and
/// apart from the proxy's.
enum HTTPTestClient {
    static func converse(
        port: Int,
        _ writes: [String],
        expect count: Int,
        bodiless: Set<Int> = [],
        timeout: Duration = .seconds(10),
        between: @Sendable (Int) async throws -> Void = { _ in }
    ) async throws -> Conversation {
        let channel = try await LoopbackClient.connect(port: port)
        return try await channel.executeThenClose { inbound, outbound in
            var iterator = inbound.makeAsyncIterator()
            var result = Conversation()
            let timedOut = TimeoutFlag()
            let watchdog = Task {
                try await Task.sleep(for: timeout)
                timedOut.raise()
                try? await channel.channel.close()
            }
            defer { watchdog.cancel() }
            // Each write but the last waits for the responses owed so far: a write of k requests is answered before
            // the next write, so a test can change toxics in between.
            var owed = 0
            for (index, write) in writes.enumerated() {
                try await outbound.write(ByteBuffer(string: write))
                owed += write.components(separatedBy: " HTTP/1.1\r\n").count - 1
                let target = index == writes.count - 1 ? count : min(owed, count)
                do {
                    while Self.frame(result.received, bodiless: bodiless, upTo: target).count < target {
                        guard let buffer = try await iterator.next() else {
                            result.ending = timedOut.isRaised ? nil : "eof"
                            break
                        }
                        result.received += buffer.readableBytesView
                    }
                } catch {
                    result.ending = timedOut.isRaised ? nil : "\(error)"
                }
                if result.ending != nil { break }
                if index < writes.count - 1 { try await between(index) }
            }
            result.responses = Self.frame(result.received, bodiless: bodiless, upTo: count)
            return result
        }
    }

    /// Reads everything until the end of the stream (or the timeout) after writing `bytes`.
    static func framed(_ bytes: [UInt8], bodiless: Set<Int> = []) -> [ReadResponse] {
        frame(bytes, bodiless: bodiless, upTo: .max)
    }

    private static func frame(_ bytes: [UInt8], bodiless: Set<Int>, upTo limit: Int) -> [ReadResponse] {
        var responses: [ReadResponse] = []
        var index = 0
        while responses.count < limit,
            let (response, next) = parse(bytes, from: index, bodiless: bodiless.contains(responses.count))
        {
            responses.append(response)
            index = next
        }
        return responses
    }

    private static func parse(_ bytes: [UInt8], from start: Int, bodiless: Bool) -> (ReadResponse, Int)? {
        let crlf2: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = firstIndex(of: crlf2, in: bytes, from: start) else { return nil }
        let lines = String(decoding: bytes[start..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = ReadResponse(status: status, headers: headers, body: [])
        var position = headEnd + 4
        if bodiless || status < 200 || status == 204 || status == 304 { return (response, position) }
        if response.header("transfer-encoding")?.lowercased() == "chunked" {
            while true {
                guard let lineEnd = firstIndex(of: [13, 10], in: bytes, from: position) else { return nil }
                let sizeText =
                    String(decoding: bytes[position..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText, radix: 16) else { return nil }
                position = lineEnd + 2
                if size == 0 {
                    guard let end = firstIndex(of: [13, 10], in: bytes, from: position) else { return nil }
                    return (response, end + 2)  // no trailers in these tests
                }
                guard bytes.count >= position + size + 2 else { return nil }
                response.body += bytes[position..<position + size]
                position += size + 2
            }
        }
        let length = Int(response.header("content-length") ?? "0") ?? 0
        guard bytes.count >= position + length else { return nil }
        response.body = Array(bytes[position..<position + length])
        return (response, position + length)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}

/// A `PathHTTPServer` with an HTTP-mode proxy in front of it.
struct HTTPProxyFixture {
    let server: PathHTTPServer
    let proxy: Proxy

    var port: Int { HostAndPort(proxy.configuration.listen)!.port }

    static func with<T>(seed: UInt64 = 11, _ body: (HTTPProxyFixture) async throws -> T) async throws -> T {
        let server = try await PathHTTPServer.start()
        let proxy = try Proxy(
            ProxyConfiguration(name: "http", upstream: "127.0.0.1:\(server.port)", protocol: .http),
            seed: seed
        )
        try await proxy.start()
        do {
            let result = try await body(HTTPProxyFixture(server: server, proxy: proxy))
            await proxy.stop()
            await server.stop()
            return result
        } catch {
            await proxy.stop()
            await server.stop()
            throw error
        }
    }
}

/// A GET request on a keep-alive connection.
func get(_ path: String, headers: String = "") -> String {
    "GET \(path) HTTP/1.1\r\nHost: test\r\n\(headers)\r\n"
}
