import Foundation
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat
import Yams

/// Reads an OpenAPI 3.0 or 3.1 document (JSON or YAML) with OpenAPIKit; 3.0 documents are converted to 3.1.
/// A problem is one line: `line:column` for a syntax error, the JSON pointer of the value for a wrong document.
enum OpenAPILoader {
    private struct VersionProbe: Decodable {
        let openapi: String?
        let swagger: String?
    }

    /// A decoded document and the tree it was read from, for finding where a problem found later is.
    struct Loaded {
        let document: OpenAPIKit.OpenAPI.Document
        let root: Node
    }

    static func load(_ text: String, source: String) throws(ImportError) -> Loaded {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        let root: Node
        let isJSON = trimmed.first == "{"
        if isJSON {
            do {
                root = try JSONTreeParser.parse(text).yamlNode
            } catch {
                throw .malformed(source: source, location: "\(error.line):\(error.column)", message: error.message)
            }
        } else {
            do {
                // Parsed as `YAMLDecoder` parses, so keys written as text (`"201"`) are found by name.
                guard let node = try Yams.compose(yaml: text, JSONTree.resolver) else {
                    throw ImportError.malformed(
                        source: source,
                        location: "1:1",
                        message: "expected an OpenAPI document, found nothing"
                    )
                }
                root = node
            } catch let error as ImportError {
                throw error
            } catch let error as YamlError {
                throw yamlFailure(error, source: source)
            } catch {
                throw .malformed(source: source, location: "1:1", message: oneLine("\(error)"))
            }
        }
        guard case .mapping = root else {
            // Text that is neither JSON nor YAML (`not json`, HTML) still parses as a YAML scalar.
            let mark = root.mark
            throw .malformed(
                source: source,
                location: "\(mark?.line ?? 1):\(mark?.column ?? 1)",
                message: "expected an OpenAPI document (a JSON object, or a YAML mapping with openapi: 3.x), "
                    + "found \(describe(root))"
            )
        }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            // JSON is first held to JSON's types (a number is no string), which only JSONDecoder checks; the
            // document is then read from the tree, which keeps the key order JSONDecoder loses.
            if isJSON { _ = try JSONDecoder().decode(type, from: Data(text.utf8)) }
            return try YAMLDecoder().decode(type, from: root)
        }
        let probe: VersionProbe
        do {
            probe = try decode(VersionProbe.self)
        } catch {
            throw .malformed(source: source, location: "/", message: "expected an object with an openapi version")
        }
        if probe.swagger != nil {
            throw .malformed(
                source: source,
                location: "/swagger",
                message: "expected OpenAPI 3.0 or 3.1, found Swagger 2.0"
            )
        }
        guard let version = probe.openapi else {
            throw .malformed(source: source, location: "/openapi", message: "expected the OpenAPI version (\"3.1.0\")")
        }
        do {
            if version.hasPrefix("3.0") {
                return Loaded(document: try decode(OpenAPIKit30.OpenAPI.Document.self).convert(to: .v3_1_1), root: root)
            }
            guard version.hasPrefix("3.1") || version.hasPrefix("3.2") else {
                throw ImportError.malformed(
                    source: source,
                    location: "/openapi",
                    message: "expected 3.0.x or 3.1.x, found \(version)"
                )
            }
            return Loaded(document: try decode(OpenAPIKit.OpenAPI.Document.self), root: root)
        } catch let error as ImportError {
            throw error
        } catch {
            let pretty = OpenAPIKit.OpenAPI.Error(from: error)
            let pointer =
                "/"
                + pretty.codingPath.map { key in
                    (key.intValue.map(String.init) ?? key.stringValue).replacingOccurrences(of: "~", with: "~0")
                        .replacingOccurrences(of: "/", with: "~1")
                }.joined(separator: "/")
            throw .malformed(source: source, location: pointer, message: oneLine(pretty.localizedDescription))
        }
    }

    /// A node in words: `text ("not json")`, `a list`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "text (\"\(text.count > 24 ? text.prefix(24) + "…" : text)\")"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    static func yamlFailure(_ error: YamlError, source: String) -> ImportError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .malformed(source: source, location: "\(mark.line):\(mark.column)", message: oneLine(what))
        default:
            return .malformed(source: source, location: "1:1", message: oneLine("\(error)"))
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
