import Foundation

/// Builds the steps of a HAR import one entry at a time, correlating as it goes, then settles names, default
/// headers and secrets.
struct StepBuilder {
    let base: BaseChoice
    private var steps: [StepDraft] = []
    private var correlator = Correlator(reservedNames: ["secrets"])
    private var usedNames = UniqueNames()
    private var secretColumns: [(column: String, comment: String)] = []
    private var secretValues: [String: String] = [:]
    /// `variable (step path)` for the header comment.
    private(set) var correlated: [String] = []
    /// What the import could not do for a step, one line each (the source is added by the importer).
    private(set) var warnings: [String] = []

    init(base: BaseChoice) { self.base = base }

    mutating func add(_ entry: HARDocument.Entry, url: URLComponents, next: HARDocument.Entry?) {
        let index = steps.count
        let sameOrigin = HARImporter.origin(url) == base.recordedOrigin
        var rawPath = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        if sameOrigin, !base.prefix.isEmpty, rawPath.hasPrefix(base.prefix + "/") || rawPath == base.prefix {
            rawPath = String(rawPath.dropFirst(base.prefix.count))
            if rawPath.isEmpty { rawPath = "/" }
        }
        // A URL an earlier response gave as its Location: the ids that Location added are captured from its body.
        let decodedPath = url.path.isEmpty ? "/" : url.path
        if let followed = correlator.follow(HARImporter.origin(url) + decodedPath), !followed.explained {
            warnings.append(
                "entry \(entry.index) (\(entry.method) \(entry.url)): kept as recorded: it is the Location "
                    + "\(steps[followed.step].name) was answered with, and no value of that answer's body explains it "
                    + "(a captured Location cannot fill a path: it would be sent as one segment)"
            )
        }
        // Path segments: a whole-segment match may be a number (an id); otherwise text inside the segment.
        let segments = rawPath.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            let decoded = String(segment).removingPercentEncoding ?? String(segment)
            return correlator.whole(decoded) ?? correlator.templated(String(segment))
        }
        var path = segments.joined(separator: "/")
        if !sameOrigin { path = HARImporter.origin(url) + path }
        var step = StepDraft(name: "", method: entry.method, path: path)
        step.query = (url.queryItems ?? []).map { item in
            let value = item.value ?? ""
            return (item.name, correlator.whole(value) ?? correlator.templated(value))
        }
        for header in entry.requestHeaders {
            let lowered = header.name.lowercased()
            guard !lowered.hasPrefix(":"), !HARImporter.droppedHeaders.contains(lowered) else { continue }
            if step.headers.contains(where: { $0.name.lowercased() == lowered }) { continue }
            if HARImporter.freshPerRequest.contains(lowered) {
                // A key that must differ on every request: a recorded one would make each replay a repeat.
                step.headers.append((header.name, "${uuid()}"))
                continue
            }
            step.headers.append((header.name, correlator.templated(header.value)))
        }
        if let text = entry.requestText, !text.isEmpty {
            let mime = (entry.requestMimeType ?? entry.requestHeader("Content-Type") ?? "").lowercased()
            if mime.contains("json"), let tree = try? JSONTreeParser.parse(text) {
                step.body = .json(correlator.templated(tree))
                // `json:` sends application/json itself; a header that says only that adds nothing.
                step.headers.removeAll {
                    $0.name.lowercased() == "content-type" && $0.value.lowercased() == "application/json"
                }
            } else {
                step.body = .text(correlator.templated(text))
            }
        }
        correlator.noteSent(
            entry.url + "\n" + entry.requestHeaders.map(\.value).joined(separator: "\n") + "\n"
                + (entry.requestText ?? "")
        )
        let mime = (entry.responseMimeType ?? entry.responseHeader("Content-Type") ?? "").lowercased()
        let json = mime.contains("json") ? entry.responseText.flatMap { try? JSONTreeParser.parse($0) } : nil
        correlator.offer(
            step: index,
            noun: Self.noun(of: url.path, method: entry.method),
            json: json,
            headers: entry.responseHeaders
        )
        if let location = entry.responseHeader("Location"), let request = URL(string: entry.url),
            let resolved = URL(string: location, relativeTo: request)?.absoluteURL
        {
            correlator.noteLocation(step: index, url: resolved, requestPath: url.path)
        }
        step.status = String(entry.status)
        if entry.status == 304, !(step.headers.contains { TemplateText.hasHole($0.value) }) {
            // The validator it answered was not handed out in this recording: a fresh run may get the body.
            step.status = "[200, 304]"
        }
        if let next, let start = entry.startedMilliseconds, let nextStart = next.startedMilliseconds {
            let gap = nextStart - (start + entry.time)
            if gap >= 100 { step.think = "\(Int(gap.rounded()))ms" }
        }
        step.name = uniqueName(Self.stepName(method: entry.method, segments: segments))
        steps.append(step)
    }

    mutating func finish(name: String) -> ScenarioDraft {
        for (index, captures) in correlator.captures {
            steps[index].captures = captures
            for capture in captures {
                let from: String
                switch capture.source {
                case .json(let path): from = path
                case .header(let header): from = header
                }
                correlated.append("\(capture.variable) (\(steps[index].name) \(from))")
            }
        }
        correlated.sort()
        for index in steps.indices {
            for header in steps[index].headers.indices {
                let (name, value) = steps[index].headers[header]
                guard HARImporter.secretHeaders.contains(name.lowercased()), !TemplateText.hasHole(value) else {
                    continue
                }
                steps[index].headers[header].value = secret(name: name, value: value, step: steps[index].name)
            }
        }
        var draft = ScenarioDraft(header: [], name: name, url: base.url)
        draft.defaultHeaders = hoistDefaults()
        if !secretColumns.isEmpty {
            draft.dataSources.append(
                DataFileDraft(
                    name: "secrets",
                    path: "data/secrets.csv",
                    columns: secretColumns.map(\.column),
                    rows: [secretColumns.map { _ in "REPLACE-ME" }],
                    comment: "credentials no recorded response explains, kept out of this file: "
                        + secretColumns.map(\.comment).joined(separator: "; ") + ". Put real values in data/secrets.csv"
                )
            )
        }
        draft.steps = steps
        return draft
    }

    /// `Bearer abc` becomes `Bearer ${secrets.authorization}`: the scheme stays readable, the credential moves.
    private mutating func secret(name: String, value: String, step: String) -> String {
        let words = value.split(separator: " ", maxSplits: 1)
        let scheme = words.count == 2 && words[0].allSatisfy(\.isLetter) ? String(words[0]) + " " : ""
        let credential = scheme.isEmpty ? value : String(words[1])
        if let column = secretValues[credential] { return "\(scheme)${secrets.\(column)}" }
        var column = TemplateText.identifier(name.lowercased().replacingOccurrences(of: "-", with: "_"))
        let base = column
        var suffix = 2
        while secretColumns.contains(where: { $0.column == column }) {
            column = "\(base)_\(suffix)"
            suffix += 1
        }
        secretValues[credential] = column
        secretColumns.append((column, "\(column) is the \(name) header first sent by \(step)"))
        return "\(scheme)${secrets.\(column)}"
    }

    /// Headers every step sends with the same literal value move to `defaults.headers`.
    private mutating func hoistDefaults() -> [(name: String, value: String)] {
        guard steps.count >= 2, let first = steps.first else { return [] }
        let common = first.headers.filter { header in
            !TemplateText.hasHole(header.value)
                && steps.allSatisfy { step in
                    step.headers.contains {
                        $0.name.lowercased() == header.name.lowercased() && $0.value == header.value
                    }
                }
        }
        for index in steps.indices {
            steps[index].headers.removeAll { header in
                common.contains { $0.name.lowercased() == header.name.lowercased() }
            }
        }
        return common
    }

    private mutating func uniqueName(_ name: String) -> String { usedNames.claim(name) }

    /// `POST /api/v1/orders` is `post-orders`, `GET /api/v1/orders/${orderId}` is `get-orders-id`.
    static func stepName(method: String, segments: [String]) -> String {
        var words: [String] = [method.lowercased()]
        for segment in segments where !segment.isEmpty {
            let decoded = segment.removingPercentEncoding ?? segment
            if decoded.lowercased() == "api" || isVersion(decoded) { continue }
            if TemplateText.hasHole(segment) || looksLikeID(decoded) {
                if words.last != "id" { words.append("id") }
                continue
            }
            let slug = decoded.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
                .split(separator: "-").joined(separator: "-")
            if !slug.isEmpty { words.append(slug) }
        }
        if words.count == 1 { words.append("root") }
        return words.joined(separator: "-")
    }

    static func isVersion(_ segment: String) -> Bool {
        segment.count >= 2 && segment.first.map { $0 == "v" || $0 == "V" } == true
            && segment.dropFirst().allSatisfy(\.isNumber)
    }

    static func looksLikeID(_ segment: String) -> Bool {
        segment.allSatisfy(\.isNumber) || (segment.count >= 8 && segment.contains(where: \.isNumber))
    }

    /// The resource a request is about, singular: `/api/v1/orders/7` → `order`, for naming its values.
    static func noun(of path: String, method: String) -> String {
        let words = path.split(separator: "/").map(String.init).filter {
            $0.lowercased() != "api" && !isVersion($0) && !looksLikeID($0)
        }
        guard let last = words.last else { return "response" }
        return singular(TemplateText.identifier(last.lowercased(), fallback: "response"))
    }

    static func singular(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 3 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("xes") { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 1 { return String(word.dropLast()) }
        return word
    }
}
