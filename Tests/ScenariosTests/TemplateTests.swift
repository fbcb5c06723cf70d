import Basics
import Scenarios
import Testing

@Suite struct TemplateTests {
    static let slots = ["token": 0, "users.username": 1]

    func render(_ text: String, escaping: Template.Escaping = .none, iteration: Int = 7) throws -> String {
        let template = try Template.compile(text, escaping: escaping) { Self.slots[$0] }
        var values = TemplateValues(slotCount: 2, iteration: iteration, unixNanoseconds: 1_700_000_000_123_456_789)
        values.set(0, to: "abc\"def")
        values.set(1, to: "alice/bob")
        var random = SplitMix64(seed: 42)
        return template.renderedString(values: values, random: &random)
    }

    @Test func literalTextIsConstant() throws {
        let template = try Template.compile("/api/v1/orders")
        #expect(template.isConstant)
        #expect(template.constantBytes == Array("/api/v1/orders".utf8))
    }

    @Test func compilesIntoSegments() throws {
        let template = try Template.compile("Bearer ${token}!") { Self.slots[$0] }
        #expect(
            template.segments == [.literal(Array("Bearer ".utf8)), .variable(slot: 0, name: "token"), .literal([33])]
        )
        #expect(!template.isConstant)
        #expect(template.slots == [0])
    }

    @Test(arguments: [
        ("Bearer ${token}", Template.Escaping.none, "Bearer abc\"def"),
        ("${token}", .json, "abc\\\"def"),
        ("${users.username}", .query, "alice%2Fbob"),
        ("/u/${users.username}", .path, "/u/alice%2Fbob"),
        ("n=${seq()}", .none, "n=7"),
        ("t=${timestamp()}", .none, "t=1700000000123"),
        ("t=${now(s)}", .none, "t=1700000000"),
        ("t=${now(us)}", .none, "t=1700000000123456"),
        ("cost $${literal}", .none, "cost ${literal}"),
    ])
    func rendersHoles(text: String, escaping: Template.Escaping, expected: String) throws {
        #expect(try render(text, escaping: escaping) == expected)
    }

    @Test func randomIntStaysInBounds() throws {
        let template = try Template.compile("${randomInt(-3, 3)}")
        var random = SplitMix64(seed: 1)
        let values = TemplateValues(slotCount: 0)
        let seen = Set((0..<500).map { _ in Int(template.renderedString(values: values, random: &random))! })
        #expect(seen == Set(-3...3))
    }

    @Test func randomChoicePicksEveryArgument() throws {
        let template = try Template.compile("${randomChoice(red, \"green, blue\", 'x')}")
        var random = SplitMix64(seed: 9)
        let values = TemplateValues(slotCount: 0)
        let seen = Set((0..<300).map { _ in template.renderedString(values: values, random: &random) })
        #expect(seen == ["red", "green, blue", "x"])
    }

    @Test func uuidIsVersion4() throws {
        let text = try render("${uuid()}")
        let groups = text.split(separator: "-")
        #expect(groups.map(\.count) == [8, 4, 4, 4, 12])
        #expect(groups[2].first == "4")
        #expect("89ab".contains(groups[3].first!))
        #expect(text.allSatisfy { $0.isHexDigit || $0 == "-" })
        #expect(try render("${uuid()}") == text, "same seed, same UUID")
    }

    @Test func unsetSlotRendersNothing() throws {
        let template = try Template.compile("[${token}]") { Self.slots[$0] }
        var random = SplitMix64(seed: 1)
        #expect(template.renderedString(values: TemplateValues(slotCount: 2), random: &random) == "[]")
    }

    @Test func renderingReusesTheBuffer() throws {
        let template = try Template.compile("id=${randomInt(1, 1000000)}&u=${users.username}") { Self.slots[$0] }
        var values = TemplateValues(slotCount: 2)
        values.set(1, to: "alice")
        var random = SplitMix64(seed: 3)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        let capacity = buffer.capacity
        for _ in 0..<1000 {
            buffer.removeAll(keepingCapacity: true)
            template.render(into: &buffer, values: values, random: &random)
        }
        #expect(buffer.capacity == capacity)
        #expect(String(decoding: buffer, as: UTF8.self).hasSuffix("&u=alice"))
    }

    @Test(arguments: [
        ("${nope}", 2, "unknown variable \"nope\""),
        ("x ${", 2, "unterminated"),
        ("${}", 2, "empty"),
        ("${uuid(1)}", 2, "takes no arguments"),
        ("${randomInt(5, 1)}", 2, "must not exceed"),
        ("${randomInt(a, 1)}", 2, "two integers"),
        ("${randomChoice()}", 2, "at least one"),
        ("${uuidd()}", 2, "did you mean uuid()"),
        ("${now(days)}", 2, "s, ms, us or ns"),
        ("${a b}", 2, "not a variable name"),
        ("${randomChoice('a)}", 0, "unterminated"),
    ])
    func refusesBadExpressions(text: String, offset: Int, message: String) {
        do {
            _ = try Template.compile(text) { Self.slots[$0] }
            Issue.record("expected \(text) to be refused")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.offset >= offset)
        }
    }
}
