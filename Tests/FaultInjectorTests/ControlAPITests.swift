import Basics
import FaultInjector
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Toxiproxy's API, route by route: shapes, status codes, defaults and every error.
@Suite(.timeLimit(.minutes(1))) struct ControlAPITests {
    /// Runs `body` against a fresh registry's API, stopping every proxy afterwards.
    func withAPI(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let registry = ProxyRegistry(seed: 1)
        let app = Application(router: ControlAPI(registry: registry).router())
        do {
            try await app.test(.router, body)
        } catch {
            await registry.shutdown()
            throw error
        }
        await registry.shutdown()
    }

    @Test func versionAnswersWithJSON() async throws {
        try await withAPI { client in
            let (status, body) = try await client.call("/version", .get)
            #expect(status == 200)
            #expect(body["version"] as? String == ControlAPI.version)
        }
    }

    @Test func createsAProxyWithItsRealPort() async throws {
        try await withAPI { client in
            let (status, body) = try await client.call(
                "/proxies",
                .post,
                #"{"name":"api","listen":"127.0.0.1:0","upstream":"127.0.0.1:9"}"#
            )
            #expect(status == 201)
            #expect(body["name"] as? String == "api")
            #expect(body["enabled"] as? Bool == true)
            #expect((body["toxics"] as? [Any])?.isEmpty == true)
            let listen = try #require(body["listen"] as? String)
            #expect(listen.hasPrefix("127.0.0.1:") && !listen.hasSuffix(":0"))
            let (listStatus, list) = try await client.call("/proxies", .get)
            #expect(listStatus == 200)
            #expect((list["api"] as? [String: Any])?["listen"] as? String == listen)
        }
    }

    @Test(arguments: [
        (#"{"listen":"127.0.0.1:0","upstream":"127.0.0.1:9"}"#, 400, "missing required field: name"),
        (#"{"name":"x","listen":"127.0.0.1:0"}"#, 400, "missing required field: upstream"),
        (#"{"name":"x","upstream":"nowhere"}"#, 400, #"invalid upstream address "nowhere": expected host:port"#),
        (#"{"name":"x","upstream":"127.0.0.1:9","enabled":"yes"}"#, 400, "bad request body: enabled should be Bool"),
        (#"not json"#, 400, "bad request body"),
    ])
    func refusesABadProxy(body: String, status: Int, message: String) async throws {
        try await withAPI { client in
            let (code, error) = try await client.call("/proxies", .post, body)
            #expect(code == status)
            #expect((error["error"] as? String)?.hasPrefix(message) == true, "\(error)")
            #expect(error["status"] as? Int == status)
        }
    }

    @Test func refusesADuplicateAndUnknownProxies() async throws {
        try await withAPI { client in
            let create = #"{"name":"dup","upstream":"127.0.0.1:9"}"#
            _ = try await client.call("/proxies", .post, create)
            try await client.expectError("/proxies", .post, create, 409, "proxy already exists")
            for method in [HTTPRequest.Method.get, .post, .patch, .delete] {
                try await client.expectError("/proxies/ghost", method, "{}", 404, "proxy not found")
            }
            try await client.expectError("/proxies/ghost/toxics", .get, nil, 404, "proxy not found")
            try await client.expectError("/proxies/ghost/toxics", .post, #"{"type":"latency"}"#, 404, "proxy not found")
        }
    }

    @Test(arguments: [HTTPRequest.Method.post, .patch])
    func disablingTakesTheProxyDown(method: HTTPRequest.Method) async throws {
        try await withAPI { client in
            _ = try await client.call("/proxies", .post, #"{"name":"p","upstream":"127.0.0.1:9"}"#)
            let (status, body) = try await client.call("/proxies/p", method, #"{"enabled":false}"#)
            #expect(status == 200)
            #expect(body["enabled"] as? Bool == false)
            #expect(body["upstream"] as? String == "127.0.0.1:9", "fields not named keep their value")
            let port = HostAndPort(body["listen"] as! String)!.port
            await #expect(throws: (any Error).self) { _ = try await LoopbackClient.connect(port: port) }
            let (_, back) = try await client.call("/proxies/p", method, #"{"enabled":true}"#)
            #expect(back["enabled"] as? Bool == true)
        }
    }

    @Test func deletesAProxy() async throws {
        try await withAPI { client in
            _ = try await client.call("/proxies", .post, #"{"name":"gone","upstream":"127.0.0.1:9"}"#)
            let (status, _) = try await client.call("/proxies/gone", .delete)
            #expect(status == 204)
            try await client.expectError("/proxies/gone", .get, nil, 404, "proxy not found")
        }
    }

    @Test func refusesBrowsers() async throws {
        try await withAPI { client in
            let response = try await client.execute(
                uri: "/proxies",
                method: .get,
                headers: [.userAgent: "Mozilla/5.0"],
                body: nil
            )
            #expect(response.status == .forbidden)
        }
    }
}

extension TestClientProtocol {
    /// Sends a request and parses the JSON object in the answer (empty for 204 or a JSON array).
    func call(_ uri: String, _ method: HTTPRequest.Method, _ body: String? = nil) async throws -> (Int, [String: Any]) {
        let (status, json) = try await callAny(uri, method, body)
        return (status, json as? [String: Any] ?? [:])
    }

    /// Sends a request and parses whatever JSON comes back.
    func callAny(_ uri: String, _ method: HTTPRequest.Method, _ body: String? = nil) async throws -> (Int, Any?) {
        let response = try await execute(
            uri: uri,
            method: method,
            headers: [:],
            body: body.map { ByteBuffer(string: $0) }
        )
        let data = Data(response.body.readableBytesView)
        return (response.status.code, data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data))
    }

    /// Expects Toxiproxy's error shape with this status and message.
    func expectError(
        _ uri: String,
        _ method: HTTPRequest.Method,
        _ body: String?,
        _ status: Int,
        _ message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (code, error) = try await call(uri, method, body)
        #expect(code == status, sourceLocation: sourceLocation)
        #expect(error["error"] as? String == message, sourceLocation: sourceLocation)
        #expect(error["status"] as? Int == status, sourceLocation: sourceLocation)
    }
}
