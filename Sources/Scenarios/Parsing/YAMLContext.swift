import Foundation
import Yams

/// Reads a composed YAML tree into typed values, recording every problem with its position instead of stopping.
///
/// One context per file being loaded; it is a class so helpers can record problems without threading `inout`.
final class YAMLContext {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location, message))
    }

    func error(_ node: Node, _ message: String) {
        error(location(node), message)
    }

    /// A short description of what a node holds, for "found …" in messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar) where isNull(node): scalar.string.isEmpty ? "nothing" : "null"
        case .scalar(let scalar):
            "\"\(scalar.string.count > 40 ? scalar.string.prefix(40) + "…" : Substring(scalar.string))\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The mapping's entries in order, with unknown keys reported (and a suggestion when one is close).
    func mapping(_ node: Node, _ what: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            error(node, "expected \(what) (a mapping), found \(describe(node))")
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                error(keyNode, "expected a plain key in \(what), found \(describe(keyNode))")
                continue
            }
            if !allowed.isEmpty, !allowed.contains(key.string) {
                let hint = Suggestion.closest(to: key.string, among: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
                error(
                    keyNode,
                    "unknown key \"\(key.string)\" in \(what)\(hint) (expected one of: \(allowed.joined(separator: ", ")))"
                )
                continue
            }
            entries.append((key.string, keyNode, value))
        }
        return Fields(node: node, location: location(node), entries: entries, what: what)
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error(node, "expected \(what) (a list), found \(describe(node))")
            return nil
        }
        return Array(sequence)
    }

    /// A scalar's text; null and collections are reported.
    func string(_ node: Node, _ what: String, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) || (allowEmpty && scalar.style != .plain) else {
            error(node, "expected \(what), found \(describe(node))")
            return nil
        }
        if !allowEmpty, scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            error(node, "expected \(what), found an empty string")
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        string(node, what).flatMap { checked(node, ScalarText.integer($0, what, in: range)) }
    }

    /// A number; `0.5%` means 0.005 unless `percentIsUnit` (for a value that is itself a percentage, `80%` = 80).
    func double(_ node: Node, _ what: String, in range: ClosedRange<Double>, percentIsUnit: Bool = false) -> Double? {
        string(node, what).flatMap {
            checked(node, ScalarText.number($0, what, in: range, percentIsUnit: percentIsUnit))
        }
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        string(node, what).flatMap { checked(node, ScalarText.flag($0, what)) }
    }

    func duration(_ node: Node, _ what: String, allowZero: Bool = false) -> Duration? {
        string(node, what).flatMap { checked(node, ScalarText.duration($0, what, allowZero: allowZero)) }
    }

    func byteSize(_ node: Node, _ what: String) -> Int? {
        string(node, what).flatMap { checked(node, ScalarText.byteSize($0, what)) }
    }

    /// The value, or nil with the failure recorded at the node.
    private func checked<T>(_ node: Node, _ result: Result<T, ScalarText.Failure>) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let failure):
            error(node, failure.message)
            return nil
        }
    }

    func rate(_ node: Node, _ what: String) -> Rate? {
        guard let text = string(node, what) else { return nil }
        do {
            return try Rate.parse(text)
        } catch {
            self.error(node, "\(what): \(error.description)")
            return nil
        }
    }

    /// A think time: `100ms` or `100ms..300ms`.
    func thinkTime(_ node: Node) -> ThinkTime? {
        guard let text = string(node, "a think time such as 100ms or 100ms..300ms") else { return nil }
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2 else {
            error(node, "expected a think time such as 100ms or 100ms..300ms, found \"\(text)\"")
            return nil
        }
        var bounds: [Duration] = []
        for part in parts {
            guard let value = try? DurationParser.parse(part) else {
                error(node, "expected a think time such as 100ms or 100ms..300ms, found \"\(text)\"")
                return nil
            }
            bounds.append(value)
        }
        guard bounds.last! >= bounds.first! else {
            error(node, "the lower bound of think time \"\(text)\" exceeds the upper bound")
            return nil
        }
        return ThinkTime(minimum: bounds.first!, maximum: bounds.last!)
    }
}
