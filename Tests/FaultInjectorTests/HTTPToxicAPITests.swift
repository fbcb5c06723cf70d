import FaultInjector
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The HTTP proxy mode and the HTTP toxics through the control API, in Toxiproxy's JSON shape.
@Suite(.timeLimit(.minutes(1))) struct HTTPToxicAPITests {
    func withProxies(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let registry = ProxyRegistry(seed: 3)
        let app = Application(router: ControlAPI(registry: registry).router())
        do {
            try await app.test(.router) { client in
                _ = try await client.call(
                    "/proxies",
                    .post,
                    #"{"name":"web","upstream":"127.0.0.1:9","protocol":"http"}"#
                )
                _ = try await client.call("/proxies", .post, #"{"name":"raw","upstream":"127.0.0.1:9"}"#)
                try await body(client)
            }
        } catch {
            await registry.shutdown()
            throw error
        }
        await registry.shutdown()
    }

    @Test func proxiesShowTheirProtocolAndUnparsedCount() async throws {
        try await withProxies { client in
            let (_, web) = try await client.call("/proxies/web", .get)
            #expect(web["protocol"] as? String == "http")
            #expect(web["unparsed_connections"] as? Int == 0)
            let (_, raw) = try await client.call("/proxies/raw", .get)
            #expect(raw["protocol"] as? String == "tcp")
            try await client.expectError(
                "/proxies",
                .post,
                #"{"name":"x","upstream":"127.0.0.1:9","protocol":"h2"}"#,
                400,
                #"bad request body: protocol "h2" is not tcp or http"#
            )
        }
    }

    @Test(arguments: [
        #"{"type":"http_status","toxicity":0.05,"attributes":{"status":503,"path":"/api/v1/orders/*","retry_after":2}}"#,
        #"{"type":"http_latency","attributes":{"latency":100,"jitter":5,"method":"GET"}}"#,
        #"{"type":"http_abort","attributes":{"after_bytes":10,"reset":true}}"#,
        #"{"type":"http_header","attributes":{"set_name":"X-A","set_value":"1","header_name":"X-Tenant"}}"#,
    ])
    func eachHTTPToxicIsCreatedInToxiproxyShape(body: String) async throws {
        try await withProxies { client in
            let (status, toxic) = try await client.call("/proxies/web/toxics", .post, body)
            #expect(status == 200, "\(toxic)")
            let attributes = try #require(toxic["attributes"] as? [String: Any])
            #expect(attributes["path"] is String && attributes["method"] is String)
            #expect(attributes["header_name"] is String && attributes["header_value"] is String)
            #expect((toxic["name"] as? String)?.hasPrefix(toxic["type"] as? String ?? "?") == true)
        }
    }

    @Test func updatesMergeHTTPAttributes() async throws {
        try await withProxies { client in
            _ = try await client.call(
                "/proxies/web/toxics",
                .post,
                #"{"type":"http_status","attributes":{"status":503}}"#
            )
            let (status, toxic) = try await client.call(
                "/proxies/web/toxics/http_status_downstream",
                .post,
                #"{"attributes":{"path":"/x"},"toxicity":0.5}"#
            )
            #expect(status == 200)
            let attributes = toxic["attributes"] as? [String: Any]
            #expect(attributes?["status"] as? Int == 503)
            #expect(attributes?["path"] as? String == "/x")
            #expect(toxic["toxicity"] as? Double == 0.5)
        }
    }

    @Test func configurationsWrittenBeforeProtocolDecodeAsTCP() throws {
        let old = #"{"name":"a","listen":"127.0.0.1:1","upstream":"127.0.0.1:2","enabled":true}"#
        #expect(try JSONDecoder().decode(ProxyConfiguration.self, from: Data(old.utf8)).protocol == .tcp)
        let file = #"[{"name":"a","upstream":"127.0.0.1:2","protocol":"http"},{"name":"b","upstream":"127.0.0.1:3"}]"#
        let loaded = try ProxyConfigurationFile.load(contentsOf: Data(file.utf8))
        #expect(loaded.map(\.protocol) == [.http, .tcp])
    }

    @Test func anHTTPToxicOnATCPProxyIsRefused() async throws {
        try await withProxies { client in
            try await client.expectError(
                "/proxies/raw/toxics",
                .post,
                #"{"type":"http_status","attributes":{"status":503}}"#,
                400,
                #"bad request body: http_status is an HTTP toxic: proxy "raw" must be created with "protocol": "http""#
            )
        }
    }

    @Test(arguments: [
        (
            #"{"type":"http_status","attributes":{"status":503,"paht":"/x"}}"#,
            #"unknown attribute "paht" of a http_status toxic; did you mean "path"? (expected one of: status, body, retry_after, method, path, header_name, header_value)"#
        ),
        (
            #"{"type":"http_status","attributes":{"status":700}}"#,
            "attribute status of a http_status toxic: expected an integer in 100...599, found 700"
        ),
        (
            #"{"type":"http_status","attributes":{"status":99}}"#,
            "attribute status of a http_status toxic: expected an integer in 100...599, found 99"
        ),
        (
            #"{"type":"http_latency","attributes":{"latency":10,"path":"/a/[bc]"}}"#,
            #"attribute path of a http_latency toxic: bad path glob "/a/[bc]": "[" is not supported; use * for any run and ? for one character"#
        ),
        (
            #"{"type":"http_abort","attributes":{"path":"orders"}}"#,
            #"attribute path of a http_abort toxic: bad path glob "orders": a path starts with / (or *)"#
        ),
        (
            #"{"type":"http_header","attributes":{}}"#,
            "http_header toxic: an http_header toxic needs set_name (with set_value) or remove_name"
        ),
    ])
    func badAttributesAreValidationErrors(body: String, message: String) async throws {
        try await withProxies { client in
            try await client.expectError("/proxies/web/toxics", .post, body, 400, "bad request body: \(message)")
        }
    }
}
