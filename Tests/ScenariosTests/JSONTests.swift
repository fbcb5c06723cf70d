import Basics
import Scenarios
import Testing

@Suite struct JSONTests {
    static let body = Array(
        #"{"token":"t-1","user":{"name":"Zoë \u00e9\ud83d\ude00","roles":["a","b"]},"items":[{"id":4,"ok":true},{"id":5.5,"ok":null}]}"#
            .utf8
    )

    @Test(arguments: [
        ("$.token", JSONValue.string("t-1")),
        ("$.user.name", .string("Zoë é😀")),
        ("$.user.roles[1]", .string("b")),
        ("$.user.roles[-1]", .string("b")),
        ("$.items[0].id", .number(4)),
        ("$['items'][1][\"id\"]", .number(5.5)),
        ("$.items[0].ok", .bool(true)),
        ("$.items[1].ok", .null),
        ("$.user.roles", .array([.string("a"), .string("b")])),
    ])
    func selectsValues(path: String, expected: JSONValue) throws {
        #expect(try JSONPath.parse(path).evaluate(inBody: Self.body) == expected)
    }

    @Test(arguments: ["$.missing", "$.token.deeper", "$.items[9]", "$.user.roles[-3]", "$.items.id"])
    func missingStepsSelectNothing(path: String) throws {
        #expect(try JSONPath.parse(path).evaluate(inBody: Self.body) == nil)
    }

    @Test(arguments: ["token", "$.", "$..a", "$[x]", "$[1", "$.a b"])
    func refusesMalformedPaths(path: String) {
        #expect(throws: TemplateFailure.self) { try JSONPath.parse(path) }
    }

    @Test func captureTextDropsQuotesOfStringsOnly() {
        #expect(JSONValue.string("a\"b").captureText == "a\"b")
        #expect(JSONValue.number(42).captureText == "42")
        #expect(JSONValue.object(["b": .bool(false), "a": .null]).captureText == #"{"a":null,"b":false}"#)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\"}", "{\"a\":1,}", "tru", "\"abc", "[1] 2", "{\"a\":\"\u{01}\"}", "01x", "\"\\q\"",
        String(repeating: "[", count: 10_000),
    ])
    func refusesMalformedJSON(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func parsesNumbersAndEscapes() throws {
        #expect(
            try JSONParser.parse(Array(#"[-1.5e3, 0, "a\n\"b"]"#.utf8))
                == .array([.number(-1500), .number(0), .string("a\n\"b")])
        )
    }
}
