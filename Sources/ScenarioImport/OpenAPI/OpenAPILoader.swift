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

    static func load(_ text: String, source: String) throws(ImportError) -> OpenAPIKit.OpenAPI.Document {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        let isJSON = trimmed.first == "{"
        if isJSON {
            do {
                _ = try JSONTreeParser.parse(text)
            } catch {
                throw .malformed(source: source, location: "\(error.line):\(error.column)", message: error.message)
            }
        } else {
            do {
                guard try Yams.compose(yaml: text) != nil else {
                    throw ImportError.malformed(
                        source: source,
                        location: "1:1",
                        message: "expected an OpenAPI document, found nothing"
                    )
                }
            } catch let error as ImportError {
                throw error
            } catch let error as YamlError {
                throw yamlFailure(error, source: source)
            } catch {
                throw .malformed(source: source, location: "1:1", message: oneLine("\(error)"))
            }
        }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            isJSON ? try JSONDecoder().decode(type, from: Data(text.utf8)) : try YAMLDecoder().decode(type, from: text)
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
                return try decode(OpenAPIKit30.OpenAPI.Document.self).convert(to: .v3_1_1)
            }
            guard version.hasPrefix("3.1") || version.hasPrefix("3.2") else {
                throw ImportError.malformed(
                    source: source,
                    location: "/openapi",
                    message: "expected 3.0.x or 3.1.x, found \(version)"
                )
            }
            return try decode(OpenAPIKit.OpenAPI.Document.self)
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
