import Foundation
import Yams

/// Reads a file and composes its YAML, turning every failure into a positioned ``Diagnostic``.
enum YAMLDocument {
    /// The file's text, or why it cannot be read.
    static func read(path: String) throws(ScenarioError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or unreadable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalid([
                Diagnostic(SourceLocation(file: path, line: 1, column: 1), "the file is not valid UTF-8 text")
            ])
        }
        return text
    }

    /// The root node of a single-document YAML text, or the syntax error with its position.
    static func compose(_ text: String, file: String) -> Result<Node, Diagnostic> {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                return .failure(
                    Diagnostic(SourceLocation(file: file, line: 1, column: 1), "the file is empty: expected a mapping")
                )
            }
            return .success(root)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, text: text, file: file))
        } catch {
            return .failure(Diagnostic(SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)"))
        }
    }

    private static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        func at(_ mark: Mark, _ message: String) -> Diagnostic {
            at(line: mark.line, column: mark.column, message)
        }
        func at(line: Int, column: Int, _ message: String) -> Diagnostic {
            Diagnostic(SourceLocation(file: file, line: line, column: column), "YAML syntax: \(message)")
        }
        func phrase(_ context: YamlError.Context?, _ problem: String) -> String {
            guard let context else { return problem }
            return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return at(mark, phrase(context, problem))
        case .parser(let context, let problem, let mark, _): return at(mark, phrase(context, problem))
        case .composer(let context, let problem, let mark, _): return at(mark, phrase(context, problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return at(context.mark, "duplicate key \(duplicates.sorted().joined(separator: ", ")) in one mapping")
        case .reader(let problem, let offset, _, _):
            let position = position(ofCharacterOffset: offset ?? 0, in: text)
            return at(line: position.line, column: position.column, problem)
        default:
            return Diagnostic(SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)")
        }
    }

    private static func position(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
