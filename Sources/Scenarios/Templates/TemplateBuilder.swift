import Foundation

/// Why part of a template was refused: where in the text (in Unicode scalars from its start) and what was expected.
public struct TemplateFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Offset of the problem from the start of the text, in Unicode scalars.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { message }
}

/// Builds a ``Template`` from text pieces, collecting every problem instead of stopping at the first.
public struct TemplateBuilder: Sendable {
    private var segments: [Template.Segment] = []
    /// Literal bytes not yet closed into a segment, so runs of literals grow in place instead of being copied.
    private var pendingLiteral: [UInt8] = []
    public private(set) var failures: [TemplateFailure] = []
    private var source = ""
    private let escaping: Template.Escaping

    public init(escaping: Template.Escaping) {
        self.escaping = escaping
    }

    /// Appends raw bytes that are already in their final form (JSON punctuation, `?`, `&`).
    public mutating func appendRaw(_ text: String) {
        source += text
        appendLiteralBytes(Array(text.utf8))
    }

    /// Appends text that may hold `${…}`; literal parts are escaped too when `escapeLiterals` is set.
    ///
    /// - Parameter resolve: the slot of a variable name, nil when no such variable is known at this point.
    public mutating func append(_ text: String, escapeLiterals: Bool, resolve: (String) -> Int?) {
        source += text
        let scalars = Array(text.unicodeScalars)
        var literal = ""
        var index = 0
        while index < scalars.count {
            if scalars[index] == "$", index + 2 < scalars.count, scalars[index + 1] == "$", scalars[index + 2] == "{" {
                literal += "${"
                index += 3
            } else if scalars[index] == "$", index + 1 < scalars.count, scalars[index + 1] == "{" {
                flush(&literal, escape: escapeLiterals)
                index = appendExpression(scalars, from: index, resolve: resolve)
            } else {
                literal.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        flush(&literal, escape: escapeLiterals)
    }

    /// The template built so far.
    public func build() -> Template {
        Template(
            segments: pendingLiteral.isEmpty ? segments : segments + [.literal(pendingLiteral)],
            escaping: escaping,
            source: source
        )
    }

    private mutating func flush(_ literal: inout String, escape: Bool) {
        guard !literal.isEmpty else { return }
        var bytes: [UInt8] = []
        if escape {
            TemplateEscaper.append(literal.utf8, escaping: escaping, to: &bytes)
        } else {
            bytes = Array(literal.utf8)
        }
        appendLiteralBytes(bytes)
        literal = ""
    }

    private mutating func appendLiteralBytes(_ bytes: [UInt8]) {
        pendingLiteral.append(contentsOf: bytes)
    }

    private mutating func appendHole(_ segment: Template.Segment) {
        if !pendingLiteral.isEmpty {
            segments.append(.literal(pendingLiteral))
            pendingLiteral.removeAll()
        }
        segments.append(segment)
    }

    /// Parses `${…}` starting at `start` (the `$`), appends its segment, returns the index after the `}`.
    private mutating func appendExpression(
        _ scalars: [Unicode.Scalar],
        from start: Int,
        resolve: (String) -> Int?
    ) -> Int {
        var index = start + 2
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "}" {
                break
            }
            index += 1
        }
        guard index < scalars.count else {
            failures.append(TemplateFailure(offset: start, message: "unterminated \"${\": expected a closing \"}\""))
            return scalars.count
        }
        var body = ""
        body.unicodeScalars.append(contentsOf: scalars[(start + 2)..<index])
        switch TemplateExpression.parse(body, resolve: resolve) {
        case .success(let segment): appendHole(segment)
        case .failure(let failure):
            failures.append(TemplateFailure(offset: start + 2 + failure.offset, message: failure.message))
        }
        return index + 1
    }
}

extension Template {
    /// Compiles `text`, throwing its first problem.
    public static func compile(
        _ text: String,
        escaping: Escaping = .none,
        resolve: (String) -> Int? = { _ in nil }
    ) throws(TemplateFailure) -> Template {
        var builder = TemplateBuilder(escaping: escaping)
        builder.append(text, escapeLiterals: false, resolve: resolve)
        if let failure = builder.failures.first { throw failure }
        return builder.build()
    }
}
