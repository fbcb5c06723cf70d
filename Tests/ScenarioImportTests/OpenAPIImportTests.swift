import Foundation
import ScenarioImport
import Scenarios
import TestSupport
import Testing

@Suite struct OpenAPIImportTests {
    @Test func aYAMLDocumentBecomesOneStepPerOperationCreatesFirst() throws {
        let result = try OpenAPIImporter.importScenario(
            try fixture("petstore.yaml"),
            options: .init(source: "petstore.yaml")
        )
        let scenario = try validated(result)
        #expect(scenario.requests.map(\.name) == ["post-pets", "get-pet", "get-pets", "delete-pets-id"])
        let text = result.scenario
        #expect(text.contains("url: http://127.0.0.1:9090/v2"))
        #expect(text.contains("OpenAPI 3.1.1"))
        // Built from the schema's types and constraints, in the schema's order.
        #expect(
            text.contains(
                "    json:\n      name: examplexxx\n      tag: cat\n      age: 1\n      born: \"2024-01-01\"\n"
                    + "      vaccinated: true\n      toys:\n        - exa\n        - exa\n"
            ),
            "\(text)"
        )
        #expect(text.contains("    capture:\n      petId: $.id\n"), "\(text)")
        #expect(text.contains("get: \"/pets/${petId}\""))
        #expect(text.contains("    query:\n      limit: \"5\"\n"))
        #expect(text.contains("X-Key: \"${auth.key}\""))
        #expect(result.dataFiles.map(\.path) == ["data/auth.csv"])
        #expect(text.contains("check: { status: 201 }") && text.contains("check: { status: 204 }"))
    }

    /// Links name what fills a later operation's path: a body value (by operationId or operationRef) or a header.
    @Test func linksOnTheCreatesResponseFillTheOperationsTheyLeadTo() throws {
        let result = try OpenAPIImporter.importScenario(try fixture("linked.yaml"), options: .init(source: "l.yaml"))
        _ = try validated(result)
        let text = result.scenario
        #expect(text.contains("    capture:\n      cartNumber: $.cartNumber\n"), "\(text)")
        #expect(text.contains("get: \"/carts/${cartNumber}\""), "\(text)")
        #expect(text.contains("post: \"/carts/${cartNumber}/items\""), "\(text)")
        #expect(text.contains("    capture:\n      xSessionId: { header: X-Session-Id }\n"), "\(text)")
        #expect(text.contains("delete: \"/sessions/${xSessionId}\""), "\(text)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
    }

    /// A create that answers only a Location (no id in its body): the read cannot be filled, and the import says
    /// why rather than that nothing creates the resource.
    @Test func aCreateThatAnswersOnlyALocationIsNamedInTheWarning() throws {
        let result = try OpenAPIImporter.importScenario(
            try fixture("location-only.yaml"),
            options: .init(source: "t.yaml")
        )
        _ = try validated(result)
        #expect(result.scenario.contains("get: /things/th-1"), "\(result.scenario)")
        #expect(
            result.scenario.contains("# POST /things hands the {thingId} of this path out only as a Location: set it"),
            "\(result.scenario)"
        )
        #expect(
            result.warnings == [
                "t.yaml: GET /things/{thingId}: {thingId} comes only in the Location of POST /things, which a capture "
                    + "cannot fill into a path; a sample value is used"
            ]
        )
    }

    /// Operations an ordinary account cannot pass are left out unless asked: one under /admin, and one that
    /// documents 403 where the other secured ones do not.
    @Test func privilegedOperationsAreLeftOutUnlessAsked() throws {
        let document = """
            openapi: 3.1.0
            info: { title: guarded, version: "1" }
            servers: [{ url: "http://127.0.0.1:9090" }]
            components: { securitySchemes: { key: { type: apiKey, in: header, name: X-Key } } }
            security: [{ key: [] }]
            paths:
              /things:
                get: { responses: { "200": { description: OK }, "401": { description: no key } } }
              /admin/stats:
                get: { responses: { "200": { description: OK } } }
              /reports:
                get: { responses: { "200": { description: OK }, "403": { description: not yours } } }
            """
        let ordinary = try OpenAPIImporter.importScenario(document, options: .init(source: "g.yaml"))
        #expect(try validated(ordinary).requests.map(\.name) == ["get-things"])
        #expect(
            ordinary.warnings.sorted() == [
                "g.yaml: GET /admin/stats: skipped: an ordinary account cannot pass it (its path is under /admin); "
                    + "--include-admin keeps it",
                "g.yaml: GET /reports: skipped: an ordinary account cannot pass it (it documents 403 Forbidden); "
                    + "--include-admin keeps it",
            ]
        )
        #expect(ordinary.scenario.contains("# Left out, as an ordinary account cannot pass them"))
        let all = try OpenAPIImporter.importScenario(document, options: .init(source: "g.yaml", includeAdmin: true))
        #expect(try validated(all).requests.count == 3)
        #expect(all.warnings.isEmpty)
    }

    @Test(arguments: [
        (
            "{\"openapi\": \"3.1.0\",\n \"info\": {\"title\": \"x\" \"version\": \"1\"}}",
            "s.json:2:24: expected \",\" or \"}\""
        ),
        ("{\"swagger\": \"2.0\"}", "s.json:/swagger: expected OpenAPI 3.0 or 3.1"),
        ("{\"info\": {}}", "s.json:/openapi: expected the OpenAPI version"),
        ("{\"openapi\": \"3.1.0\", \"info\": {\"title\": 7, \"version\": \"1\"}, \"paths\": {}}", "s.json:/info"),
    ])
    func malformedDocumentsNameWhereAndWhat(input: String, expected: String) {
        #expect {
            _ = try OpenAPIImporter.importScenario(input, options: .init(source: "s.json"))
        } throws: { error in
            "\(error)".hasPrefix(expected) && !"\(error)".contains("\n")
        }
    }

    /// OpenAPIKit says only that a lookup failed: the import names the `$ref` that names nothing.
    @Test func anUnresolvedReferenceIsReportedWhereItIs() {
        let document = """
            {"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {"/orders": {"post": {
              "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ordr"}}}},
              "responses": {"201": {"description": "made"}}}}},
             "components": {"schemas": {"Order": {"type": "object"}}}}
            """
        #expect {
            _ = try OpenAPIImporter.importScenario(document, options: .init(source: "s.json"))
        } throws: { error in
            "\(error)"
                == "s.json:/paths/~1orders/post/requestBody/content/application~1json/schema/$ref: expected "
                + "#/components/schemas/Ordr to name a part of this document: the $ref does not resolve"
        }
    }

    /// Text that is neither JSON nor YAML still parses as a YAML scalar: it is named as such, at its position.
    @Test func textThatIsNoDocumentSaysWhatWasExpectedWhere() {
        #expect {
            _ = try OpenAPIImporter.importScenario("\n  not json", options: .init(source: "s.txt"))
        } throws: { error in
            "\(error)"
                == "s.txt:2:3: expected an OpenAPI document (a JSON object, or a YAML mapping with openapi: 3.x), "
                + "found text (\"not json\")"
        }
    }

    /// Foundation's JSON decoder hands keys over in hash order, which changes between processes; the import
    /// keeps the document's order, which no hash order of eight keys matches by chance (1 in 40,320).
    @Test func aJSONDocumentKeepsItsOrder() throws {
        let names = ["zulu", "alpha", "mike", "bravo", "yankee", "charlie", "xray", "delta"]
        let properties = names.map { "\"\($0)\": {\"type\": \"string\"}" }
        let document = """
            {"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {"/things": {"post": {
              "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                \(properties.joined(separator: ", "))}}}}},
              "responses": {"201": {"description": "made"}}}}}}
            """
        let result = try OpenAPIImporter.importScenario(document, options: .init(source: "s.json"))
        _ = try validated(result)
        let body = names.map { "      \($0): example\n" }.joined()
        #expect(result.scenario.contains("    json:\n" + body), "\(result.scenario)")
    }

    @Test func aYAMLSyntaxErrorNamesItsLine() {
        #expect {
            _ = try OpenAPIImporter.importScenario("openapi: 3.1.0\ninfo: [a\n", options: .init(source: "s.yaml"))
        } throws: { error in
            "\(error)".hasPrefix("s.yaml:3:")
        }
    }
}

@Suite struct ImportFilesTests {
    /// Data files are named relative to the scenario's file: with the scenario on standard output they would have
    /// nowhere to go, so the import is refused rather than writing them into the current folder.
    @Test func standardOutputRefusesAScenarioThatNeedsDataFiles() throws {
        let needing = try HARImporter.importScenario(
            try fixture("browser-session.har"),
            options: .init(source: "browser-session.har")
        )
        #expect(throws: ImportError.needsOutputFile(dataFiles: ["data/secrets.csv"])) {
            try ImportFiles.standardOutputText(needing)
        }
        #expect(
            ImportError.needsOutputFile(dataFiles: ["data/secrets.csv"]).description
                == "the scenario reads data/secrets.csv, which go beside the scenario's file: give --out FILE "
                + "(nothing was written)"
        )
        let plain = try HARImporter.importScenario(
            try fixture("created-resources.har"),
            options: .init(source: "created-resources.har")
        )
        #expect(try ImportFiles.standardOutputText(plain) == plain.scenario)
    }
}

@Suite struct InitTests {
    @Test func theStarterFilesValidate() throws {
        let folder = try TemporaryFolder(prefix: "ordeal-init")
        defer { folder.remove() }
        let written = try ImportFiles.writeStarter(in: folder.path + "/new")
        #expect(written.count == 2)
        let scenario = try ScenarioLoader.load(path: folder.path + "/new/scenario.yaml")
        #expect(scenario.name == "starter")
        #expect(
            StarterFiles.nextCommands(folder: "new") == [
                "ordeal validate new/scenario.yaml", "ordeal run new/scenario.yaml",
            ]
        )
        #expect(throws: ImportError.self) { try ImportFiles.writeStarter(in: folder.path + "/new") }
    }
}
