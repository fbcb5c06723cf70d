import Basics
import Foundation
import Yams

/// Compiles a `json:` body written in YAML into one template of JSON text.
///
/// Strings may hold `${…}` holes whose values are JSON-escaped when rendered; plain numbers, booleans and null are
/// written as JSON literals. A string that is exactly one hole stays a string (`"${id}"` renders `"42"`).
struct JSONBodyCompiler {
    let context: YAMLContext
    let resolve: (String) -> Int?
    var builder = TemplateBuilder(escaping: .json)
    var valid = true
    /// Values left to compile; aliases can make a small file expand exponentially, so the walk is bounded.
    var budget = JSONBodyCompiler.maximumValues

    static let maximumValues = 10_000

    init(context: YAMLContext, resolve: @escaping (String) -> Int?) {
        self.context = context
        self.resolve = resolve
    }

    /// The compiled template, or nil when a problem was reported.
    static func compile(_ node: Node, context: YAMLContext, resolve: @escaping (String) -> Int?) -> Template? {
        var compiler = JSONBodyCompiler(context: context, resolve: resolve)
        compiler.append(node, depth: 0)
        return compiler.valid ? compiler.builder.build() : nil
    }

    private mutating func append(_ node: Node, depth: Int) {
        guard depth < 64 else {
            context.error(node, "JSON body nested deeper than 64 levels")
            valid = false
            return
        }
        budget -= 1
        guard budget >= 0 else {
            if budget == -1 {
                context.error(node, "JSON body larger than \(Self.maximumValues) values (aliases expanded)")
            }
            valid = false
            return
        }
        switch node {
        case .mapping(let mapping):
            builder.appendRaw("{")
            for (index, (key, value)) in mapping.enumerated() {
                if index > 0 { builder.appendRaw(",") }
                guard let name = context.string(key, "a JSON member name") else {
                    valid = false
                    continue
                }
                builder.appendRaw(JSONValue.string(name).description + ":")
                append(value, depth: depth + 1)
            }
            builder.appendRaw("}")
        case .sequence(let sequence):
            builder.appendRaw("[")
            for (index, item) in sequence.enumerated() {
                if index > 0 { builder.appendRaw(",") }
                append(item, depth: depth + 1)
            }
            builder.appendRaw("]")
        case .scalar:
            appendScalar(node)
        case .alias:
            context.error(node, "aliases are not supported in a JSON body")
            valid = false
        }
    }

    private mutating func appendScalar(_ node: Node) {
        if let value = context.jsonValue(node), !isString(value) {
            builder.appendRaw(value.description)
            return
        }
        // An unquoted scalar that is one hole (`quantity: ${products.quantity}`) is written bare, so a number or
        // boolean from a data column or capture stays one; anything else becomes a JSON string.
        let bare = isSingleHole(node)
        if !bare { builder.appendRaw("\"") }
        if !context.appendTemplate(node, to: &builder, escapeLiterals: true, resolve: resolve, what: "a JSON value") {
            valid = false
        }
        if !bare { builder.appendRaw("\"") }
    }

    private func isSingleHole(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        let text = scalar.string
        return text.hasPrefix("${") && text.hasSuffix("}") && text.components(separatedBy: "${").count == 2
            && text.firstIndex(of: "}") == text.index(before: text.endIndex)
    }

    private func isString(_ value: JSONValue) -> Bool {
        if case .string = value { return true }
        return false
    }
}
