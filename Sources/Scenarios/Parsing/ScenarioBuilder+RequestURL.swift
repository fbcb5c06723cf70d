import Foundation
import Yams

extension ScenarioBuilder {
    /// Reads `get: /path` or `get: http://host:port/path` plus an optional `query:` mapping.
    func readRequestURL(_ node: Node, query: Node?) -> RequestURL? {
        guard let text = context.string(node, "a path (/api/v1/orders) or a full URL (http://host:port/path)") else {
            return nil
        }
        var origin: BaseURL?
        var pathText = text
        var offset = 0
        if let schemeEnd = text.range(of: "://") {
            let afterScheme = text[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? text.endIndex
            let originText = String(text[..<authorityEnd])
            guard !originText.contains("${") else {
                context.error(
                    node,
                    "the scheme, host and port of a URL cannot hold templates; only its path and query can"
                )
                return nil
            }
            switch BaseURL.parse(originText) {
            case .success(let url): origin = url
            case .failure(let failure):
                context.error(node, failure.description)
                return nil
            }
            pathText = String(text[authorityEnd...])
            offset = text.unicodeScalars.count - pathText.unicodeScalars.count
            if pathText.isEmpty || pathText.hasPrefix("?") { pathText = "/" + pathText }
        } else if !text.hasPrefix("/") {
            context.error(node, "expected a path starting with \"/\" or a full http:// URL, found \"\(text)\"")
            return nil
        }
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
        let queryTemplate = readQuery(inline: inlineQuery.map(String.init), node: query)
        guard pathBuilder.failures.isEmpty else { return nil }
        return RequestURL(origin: origin, path: pathBuilder.build(), query: queryTemplate)
    }

    /// The query: what the URL carries after `?` (kept as written), then each `query:` entry percent-encoded.
    private func readQuery(inline: String?, node: Node?) -> Template? {
        var builder = TemplateBuilder(escaping: .query)
        var any = false
        if let inline, !inline.isEmpty {
            builder.append(inline, escapeLiterals: false, resolve: resolver())
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
