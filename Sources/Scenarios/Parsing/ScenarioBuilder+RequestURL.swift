import Basics
import Foundation
import Yams

extension ScenarioBuilder {
    /// Reads `get: /path` or `get: http://host:port/path` plus an optional `query:` mapping.
    func readRequestURL(_ node: Node, query: Node?) -> RequestURL? {
        guard let text = context.string(node, "a path (/api/v1/orders) or a full URL (http://host:port/path)") else {
            return nil
        }
        guard let (origin, path, offset) = splitOrigin(text, node: node) else { return nil }
        var pathText = path
        var inlineQuery: Substring?
        if let mark = pathText.firstIndex(of: "?") {
            inlineQuery = pathText[pathText.index(after: mark)...]
            pathText = String(pathText[..<mark])
        }
        let prefix = origin == nil ? targetPrefix : ""
        var pathBuilder = TemplateBuilder(escaping: .path)
        pathBuilder.appendRaw(prefix)
        pathBuilder.append(pathText, escapeLiterals: false, resolve: resolver())
        for failure in pathBuilder.failures {
            context.error(context.contentLocation(node).advanced(by: offset + failure.offset), failure.message)
        }
        let inlineLocation = context.contentLocation(node).advanced(by: offset + pathText.unicodeScalars.count + 1)
        let queryTemplate = readQuery(inline: inlineQuery.map { (String($0), inlineLocation) }, node: query)
        guard pathBuilder.failures.isEmpty else { return nil }
        return RequestURL(origin: origin, path: pathBuilder.build(), query: queryTemplate)
    }

    /// Splits a full URL into its origin and the rest (with the rest's column offset in the text); a path alone
    /// has no origin.
    private func splitOrigin(_ text: String, node: Node) -> (origin: BaseURL?, path: String, offset: Int)? {
        guard let schemeEnd = text.range(of: "://") else {
            guard text.hasPrefix("/") else {
                context.error(node, "expected a path starting with \"/\" or a full http:// URL, found \"\(text)\"")
                return nil
            }
            return (nil, text, 0)
        }
        let authorityEnd = text[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" } ?? text.endIndex
        let originText = String(text[..<authorityEnd])
        guard !originText.contains("${") else {
            context.error(node, "the scheme, host and port of a URL cannot hold templates; only its path and query can")
            return nil
        }
        switch BaseURL.parse(originText) {
        case .success(let origin):
            let rest = String(text[authorityEnd...])
            let offset = text.unicodeScalars.count - rest.unicodeScalars.count
            return rest.hasPrefix("/") ? (origin, rest, offset) : (origin, "/" + rest, offset - 1)
        case .failure(let failure):
            context.error(node, failure.description)
            return nil
        }
    }

    /// The query: what the URL carries after `?` (kept as written), then each `query:` entry percent-encoded.
    private func readQuery(inline: (text: String, location: SourceLocation)?, node: Node?) -> Template? {
        var builder = TemplateBuilder(escaping: .query)
        var any = false
        if let inline, !inline.text.isEmpty {
            builder.append(inline.text, escapeLiterals: false, resolve: resolver())
            for failure in builder.failures {
                context.error(inline.location.advanced(by: failure.offset), failure.message)
            }
            any = true
        }
        guard let node, let fields = context.mapping(node, "query parameters", allowed: []) else {
            return any ? builder.build() : nil
        }
        for entry in fields.entries {
            let values: [Node]
            if case .sequence(let sequence) = entry.value { values = Array(sequence) } else { values = [entry.value] }
            for value in values {
                if any { builder.appendRaw("&") }
                var name: [UInt8] = []
                TemplateEscaper.append(entry.key.utf8, escaping: .query, to: &name)
                builder.appendRaw(String(decoding: name, as: UTF8.self) + "=")
                _ = context.appendTemplate(
                    value,
                    to: &builder,
                    escapeLiterals: true,
                    resolve: resolver(),
                    what: "a query value"
                )
                any = true
            }
        }
        return builder.build()
    }
}
