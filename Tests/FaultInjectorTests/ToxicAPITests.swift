import FaultInjector
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The toxic routes, `/reset` and `/populate`.
@Suite(.timeLimit(.minutes(1))) struct ToxicAPITests {
    func withProxy(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let registry = ProxyRegistry(seed: 2)
        let app = Application(router: ControlAPI(registry: registry).router())
        do {
            try await app.test(.router) { client in
                _ = try await client.call("/proxies", .post, #"{"name":"p","upstream":"127.0.0.1:9"}"#)
                try await body(client)
            }
        } catch {
            await registry.shutdown()
            throw error
        }
        await registry.shutdown()
    }

    @Test func createsAToxicWithToxiproxyDefaults() async throws {
        try await withProxy { client in
            let (status, toxic) = try await client.call(
                "/proxies/p/toxics",
                .post,
                #"{"type":"latency","attributes":{"latency":100}}"#
            )
            #expect(status == 200)
            #expect(toxic["name"] as? String == "latency_downstream")
            #expect(toxic["type"] as? String == "latency")
            #expect(toxic["stream"] as? String == "downstream")
            #expect(toxic["toxicity"] as? Double == 1)
            #expect(toxic["attributes"] as? [String: Int] == ["latency": 100, "jitter": 0])
            let (_, list) = try await client.callAny("/proxies/p/toxics", .get)
            #expect((list as? [[String: Any]])?.count == 1)
            let (_, proxy) = try await client.call("/proxies/p", .get)
            #expect((proxy["toxics"] as? [[String: Any]])?.first?["name"] as? String == "latency_downstream")
        }
    }

    /// The byte toxics; the HTTP ones need an HTTP proxy and attributes (HTTPToxicAPITests).
    @Test(arguments: ToxicRegistry.all.filter { !($0 is any HTTPToxic.Type) }.map { $0.typeName })
    func everyTypeCanBeCreatedOnEitherStream(type: String) async throws {
        try await withProxy { client in
            let (status, toxic) = try await client.call(
                "/proxies/p/toxics",
                .post,
                #"{"type":"\#(type)","stream":"upstream","toxicity":0.5}"#
            )
            #expect(status == 200)
            #expect(toxic["name"] as? String == "\(type)_upstream")
            #expect(toxic["toxicity"] as? Double == 0.5)
        }
    }

    @Test(arguments: [
        (#"{"type":"latency","attributes":{"latnecy":5}}"#, "unknown attribute \"latnecy\" of a latency toxic"),
        (#"{"type":"corrupt","attributes":{"probability":2}}"#, "expected a probability between 0 and 1"),
        (#"{"type":"slicer","attributes":{"average_size":4,"size_variation":9}}"#, "size_variation must be smaller"),
        (#"{"type":"latency","attributes":{"latency":"soon"}}"#, "expected a whole number of milliseconds"),
    ])
    func refusesAttributesTheDeclarationDoesNotAllow(body: String, message: String) async throws {
        try await withProxy { client in
            let (status, problem) = try await client.call("/proxies/p/toxics", .post, body)
            #expect(status == 400)
            #expect((problem["error"] as? String)?.contains(message) == true, "\(problem)")
        }
    }

    @Test(arguments: [HTTPRequest.Method.post, .patch])
    func updatesMergeAttributesAndToxicity(method: HTTPRequest.Method) async throws {
        try await withProxy { client in
            _ = try await client.call(
                "/proxies/p/toxics",
                .post,
                #"{"name":"slow","type":"latency","attributes":{"latency":100}}"#
            )
            let (status, toxic) = try await client.call(
                "/proxies/p/toxics/slow",
                method,
                #"{"attributes":{"jitter":5},"toxicity":0.25}"#
            )
            #expect(status == 200)
            #expect(toxic["attributes"] as? [String: Int] == ["latency": 100, "jitter": 5])
            #expect(toxic["toxicity"] as? Double == 0.25)
            let (_, shown) = try await client.call("/proxies/p/toxics/slow", .get)
            #expect(shown["toxicity"] as? Double == 0.25)
        }
    }

    @Test func refusesBadToxics() async throws {
        try await withProxy { client in
            let path = "/proxies/p/toxics"
            try await client.expectError(path, .post, #"{"type":"warp"}"#, 400, "invalid toxic type")
            try await client.expectError(path, .post, #"{}"#, 400, "invalid toxic type")
            try await client.expectError(
                path,
                .post,
                #"{"type":"latency","stream":"sideways"}"#,
                400,
                "stream was invalid, can be either upstream or downstream"
            )
            try await client.expectError(
                path,
                .post,
                #"{"type":"latency","attributes":{"latency":"slow"}}"#,
                400,
                "bad request body: attribute latency of a latency toxic: expected a whole number of milliseconds"
            )
            _ = try await client.call(path, .post, #"{"type":"latency"}"#)
            try await client.expectError(path, .post, #"{"type":"latency"}"#, 409, "toxic already exists")
            for method in [HTTPRequest.Method.get, .post, .patch, .delete] {
                try await client.expectError("\(path)/nope", method, "{}", 404, "toxic not found")
            }
        }
    }

    @Test func deletesAToxic() async throws {
        try await withProxy { client in
            _ = try await client.call("/proxies/p/toxics", .post, #"{"type":"timeout","stream":"upstream"}"#)
            let (status, _) = try await client.call("/proxies/p/toxics/timeout_upstream", .delete)
            #expect(status == 204)
            let (_, list) = try await client.callAny("/proxies/p/toxics", .get)
            #expect((list as? [Any])?.isEmpty == true)
        }
    }

    @Test func resetRemovesToxicsAndEnablesProxies() async throws {
        try await withProxy { client in
            _ = try await client.call("/proxies/p/toxics", .post, #"{"type":"latency"}"#)
            _ = try await client.call("/proxies/p", .patch, #"{"enabled":false}"#)
            let (status, _) = try await client.call("/reset", .post)
            #expect(status == 204)
            let (_, proxy) = try await client.call("/proxies/p", .get)
            #expect(proxy["enabled"] as? Bool == true)
            #expect((proxy["toxics"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func populateCreatesAndIsIdempotent() async throws {
        try await withProxy { client in
            let body =
                #"[{"name":"a","listen":"127.0.0.1:0","upstream":"127.0.0.1:9"},{"name":"b","upstream":"127.0.0.1:10"}]"#
            let (status, result) = try await client.call("/populate", .post, body)
            #expect(status == 201)
            let proxies = try #require(result["proxies"] as? [[String: Any]])
            #expect(proxies.map { $0["name"] as? String } == ["a", "b"])
            let (_, list) = try await client.call("/proxies", .get)
            #expect(Set(list.keys) == ["p", "a", "b"])
            let bad = #"[{"name":"c","upstream":"127.0.0.1:11"},{"name":"d"}]"#
            let (code, failure) = try await client.call("/populate", .post, bad)
            #expect(code == 400)
            #expect(failure["error"] as? String == "missing required field: upstream")
        }
    }
}
