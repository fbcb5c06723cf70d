import Basics
import Scenarios
import Testing

/// Compiled steps render into exactly the bytes a server should receive.
@Suite struct RenderingTests {
    static let scenario = try! Fixture.scenario(
        """
        name: r
        url: http://127.0.0.1:9000
        data: { users: { csv: data/users.csv } }
        load: [ { name: p, iterations: 1 } ]
        flow:
          - name: login
            post: /login
            json: { user: "${users.username}", note: "say \\"${users.password}\\"\\n", n: 3, tags: [ "${seq()}" ] }
            capture: { token: $.token }
          - name: echo
            put: http://127.0.0.1:9001/echo
            body: "raw ${token} ${randomChoice(a)}"
            headers: { X-Token: "${token}" }
        """
    )

    @Test func jsonBodyRendersAsValidJSONWithEscapedValues() throws {
        let scenario = Self.scenario
        var values = TemplateValues(slotCount: scenario.variables.count, iteration: 12)
        var random = SplitMix64(seed: 5)
        let row = scenario.data[0].row(forIteration: 1, using: &random)
        #expect(row == ["bob", "correct-horse-battery-2"])
        for (index, slot) in scenario.data[0].columnSlots.enumerated() { values.set(slot, to: "\(row[index])\"\\") }
        var bytes: [UInt8] = []
        scenario.requests[0].body!.template.render(into: &bytes, values: values, random: &random)
        let parsed = try JSONParser.parse(bytes)
        #expect(
            parsed
                == .object([
                    "user": .string("bob\"\\"), "note": .string("say \"correct-horse-battery-2\"\\\"\n"),
                    "n": .number(3),
                    "tags": .array([.string("12")]),
                ])
        )
    }

    @Test func anUnquotedSingleHoleIsWrittenBare() throws {
        let scenario = try Fixture.scenario(
            """
            name: bare
            url: http://127.0.0.1:9000
            data: { products: { csv: data/products.csv } }
            load: [ { name: p, iterations: 1 } ]
            flow:
              - post: /orders
                json:
                  quantity: ${products.quantity}
                  quoted: "${products.quantity}"
                  mixed: x-${seq()}
            """
        )
        var values = TemplateValues(slotCount: scenario.variables.count, iteration: 4)
        values.set(scenario.variables.slot(of: "products.quantity")!, to: "3")
        var random = SplitMix64(seed: 1)
        let body = scenario.requests[0].body!.template.renderedString(values: values, random: &random)
        #expect(
            try JSONParser.parse(Array(body.utf8))
                == .object(["quantity": .number(3), "quoted": .string("3"), "mixed": .string("x-4")])
        )
    }

    @Test func fullURLStepKeepsItsOwnOriginAndRawBody() {
        let echo = Self.scenario.requests[1]
        #expect(echo.url.origin == BaseURL(host: "127.0.0.1", port: 9001))
        #expect(echo.url.path.constantBytes == Array("/echo".utf8))
        #expect(echo.body?.kind == .raw)
        #expect(!echo.isConstant)
        var values = TemplateValues(slotCount: Self.scenario.variables.count)
        values.set(Self.scenario.variables.slot(of: "token")!, to: "t\r\nX: y")
        var random = SplitMix64(seed: 5)
        #expect(echo.body!.template.renderedString(values: values, random: &random) == "raw t\r\nX: y a")
        #expect(echo.headers[0].value.renderedString(values: values, random: &random) == "tX: y")
    }

    @Test func sequentialDataWrapsAround() {
        let source = Self.scenario.data[0]
        var random = SplitMix64(seed: 1)
        #expect(source.row(forIteration: 8, using: &random) == source.rows[0])
        #expect(source.row(forIteration: 9, using: &random) == source.rows[1])
    }
}
