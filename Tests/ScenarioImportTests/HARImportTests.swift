import Foundation
import ScenarioImport
import Scenarios
import Testing

@Suite struct HARImportTests {
    @Test func aBrowserSessionKeepsItsRequestsAndLeavesOutAssetsWebSocketsAndOtherSchemes() throws {
        let result = try HARImporter.importScenario(
            try fixture("browser-session.har"),
            options: .init(source: "browser-session.har")
        )
        let scenario = try validated(result)
        #expect(scenario.flow.count == 3)
        #expect(result.warnings.count == 2)
        #expect(
            result.warnings.contains { $0.contains("entry 3") && $0.contains("not an HTTP URL (chrome-extension)") }
        )
        #expect(result.warnings.contains { $0.contains("entry 4") && $0.contains("WebSocket") })
        let text = result.scenario
        #expect(text.hasPrefix("# Imported by `ordeal import har` from browser-session.har"))
        #expect(text.contains("url: https://shop.example.com\n"))
        #expect(text.contains("2 static assets left out"))
        // Cookies, hop-by-hop and length headers are not copied; the shared User-Agent becomes a default.
        #expect(!text.lowercased().contains("sid=abc123"))
        #expect(!text.contains("content-length") && !text.contains(":authority") && !text.contains("accept-encoding"))
        #expect(text.contains("defaults:\n  headers:\n    user-agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/122.0\n"))
        // The cart's id and ETag come from the answer that made it; the unexplained token from a data file.
        #expect(text.contains("cartId: $.cartId"))
        #expect(text.contains("    get: \"/api/cart/${cartId}\""))
        #expect(text.contains("cartEtag: { header: ETag }"))
        #expect(text.contains("if-none-match: \"${cartEtag}\""))
        #expect(!text.contains("static-session-token"))
        #expect(text.contains("authorization: \"Bearer ${secrets.authorization}\""))
        #expect(result.dataFiles.map(\.path) == ["data/secrets.csv"])
        #expect(result.dataFiles.first?.text == "authorization\nREPLACE-ME\n")
        // JSON bodies as `json:`, a literal `${` kept literal, the recorded status checked, the gap as think.
        #expect(text.contains("    json:\n      sku: tee-42\n      quantity: 1\n      note: \"$${not a hole}\"\n"))
        #expect(text.contains("check: { status: 201 }"))
        #expect(text.contains("check: { status: 304 }"))
        #expect(text.contains("think: 1465ms"))
        #expect(text.contains("    query:\n      expand: items\n      currency: EUR\n"))
    }

    /// A created resource read back at its `Location`: the id that Location added is captured from the body,
    /// since a captured Location cannot fill a path; one no body value explains is kept, with a warning.
    @Test func aURLThatIsAnEarlierLocationIsCapturedFromTheBodyThatCameWithIt() throws {
        let result = try HARImporter.importScenario(
            try fixture("created-resources.har"),
            options: .init(source: "created-resources.har")
        )
        let scenario = try validated(result)
        #expect(scenario.flow.count == 4)
        let text = result.scenario
        #expect(text.contains("# 4 of 4 entries are steps.\n"), "\(text)")
        #expect(text.contains("    capture:\n      orderId: $.id\n"), "\(text)")
        #expect(text.contains("    get: \"/api/v1/orders/${orderId}\"\n"), "\(text)")
        #expect(!text.contains("ord-123"), "\(text)")
        // The cart's Location came with no body: nothing can replay it fresh, and the import says so.
        #expect(text.contains("    get: /api/v1/carts/c-77\n"), "\(text)")
        #expect(
            result.warnings == [
                "created-resources.har: entry 3 (GET http://127.0.0.1:9000/api/v1/carts/c-77): kept as recorded: "
                    + "it is the Location post-carts was answered with, and no value of that answer's body explains "
                    + "it (a captured Location cannot fill a path: it would be sent as one segment)"
            ]
        )
    }

    @Test func includeStaticKeepsTheAssets() throws {
        let result = try HARImporter.importScenario(
            try fixture("browser-session.har"),
            options: .init(source: "browser-session.har", includeStatic: true)
        )
        let scenario = try validated(result)
        #expect(scenario.flow.count == 5)
    }

    @Test func aBaseURLWithAPrefixShortensThePaths() throws {
        let result = try HARImporter.importScenario(
            try fixture("browser-session.har"),
            options: .init(source: "s.har", baseURL: "http://127.0.0.1:9000/api")
        )
        _ = try validated(result)
        #expect(result.scenario.contains("url: http://127.0.0.1:9000/api\n"))
        #expect(result.scenario.contains("    post: /cart\n"))
    }

    @Test(arguments: [
        (
            "{\"log\": [1,]}",
            "h.har:1:12: expected a JSON value (object, array, string, number, true, false or null), found \"]\""
        ),
        (
            "not json",
            "h.har:1:1: expected a JSON value (object, array, string, number, true, false or null), found \"not\""
        ),
        ("{\"log\": {}}", "h.har:/log/entries: expected an array of entries"),
        (
            "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": 5}, \"response\": {\"status\": 200}}]}}",
            "h.har:/log/entries/0/request/url: expected a string, found a number"
        ),
        (
            "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"http://a/\"}, \"response\": {}}]}}",
            "h.har:/log/entries/0/response/status: expected a number"
        ),
        ("[]", "h.har:/log: expected an object"),
    ])
    func malformedHARNamesWhereAndWhat(input: String, expected: String) throws {
        #expect {
            _ = try HARImporter.importScenario(input, options: .init(source: "h.har"))
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }

    @Test func aRecordingWithNothingToReplayIsAnError() throws {
        let har =
            #"{"log": {"entries": [{"request": {"method": "GET", "url": "wss://a/live"}, "response": {"status": 101}}]}}"#
        #expect(throws: ImportError.self) { try HARImporter.importScenario(har, options: .init(source: "h.har")) }
    }
}

@Suite struct YAMLWriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("", "\"\""), ("true", "\"true\""), ("42", "\"42\""), ("a: b", "\"a: b\""),
        ("#x", "\"#x\""), ("x #y", "\"x #y\""), ("- x", "\"- x\""), ("{a}", "\"{a}\""), ("${t}", "\"${t}\""),
        ("line\nbreak", "\"line\\nbreak\""), ("say \"hi\"", "say \"hi\""), (" lead", "\" lead\""), ("null", "\"null\""),
    ])
    func scalarsAreQuotedOnlyWhenYAMLWouldReadThemAsSomethingElse(text: String, written: String) {
        #expect(YAMLWriter.scalar(text) == written)
    }
}
