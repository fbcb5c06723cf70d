import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct OrderServiceProcessTests {
    @Test func theRealExecutableServesHealthOnLoopback() async throws {
        let service = try ChildProcess("order-service", ["--host", "127.0.0.1", "--port", "0"])
        defer { service.terminate() }
        let line = try await service.waitForLine(containing: "listening on")
        let address = try #require(line.split(separator: " ").last.map(String.init))
        let url = try #require(URL(string: address + "/health"))
        let (body, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self) == #"{"status":"ok"}"#)
    }
}
