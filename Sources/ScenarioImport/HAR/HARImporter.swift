import Foundation

/// Turns a HAR 1.2 recording into a scenario that replays it: one step per entry, static assets left out unless
/// asked, the service's values correlated (``Correlator``), secrets never written as literals.
///
///     HAR text ─▶ HARDocument ─▶ kept entries ─▶ steps (path, query, headers, body, status, think)
///                                   │                 ▲
///                                   └─ Correlator ────┘ captures + ${holes}
///                                            └─▶ unexplained secrets ─▶ data/secrets.csv columns
public enum HARImporter {
    /// What `ordeal import har` was asked.
    public struct Options: Sendable {
        /// The file name, for messages and the header comment.
        public var source: String
        public var includeStatic = false
        /// The base URL the scenario targets; by default the most frequent origin of the recording.
        public var baseURL: String?

        public init(source: String, includeStatic: Bool = false, baseURL: String? = nil) {
            self.source = source
            self.includeStatic = includeStatic
            self.baseURL = baseURL
        }
    }

    static let methods: Set = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    /// Headers that describe one hop or one connection, or that the generator sets itself.
    static let droppedHeaders: Set = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "proxy-authenticate", "host", "content-length", "cookie", "cookie2",
        // The generator reads bodies as sent, so a compressed answer would hide the values captures read.
        "accept-encoding",
    ]
    /// Headers whose value is a credential: never written as a literal.
    static let secretHeaders: Set = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token", "x-access-token",
        "x-csrf-token", "x-xsrf-token",
    ]
    /// Headers whose value must be new on every request, written as `${uuid()}`.
    static let freshPerRequest: Set = ["idempotency-key", "x-idempotency-key", "x-request-id"]
    static let staticTypes: Set = ["image", "font", "stylesheet", "script", "media", "manifest", "texttrack"]
    static let staticExtensions: Set = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "woff", "woff2", "ttf", "otf", "eot", "css",
        "js", "mjs", "map", "mp4", "webm", "mp3", "wav",
    ]

    /// Imports `text`, a HAR document.
    public static func importScenario(_ text: String, options: Options) throws(ImportError) -> ImportResult {
        let document = try HARDocument.parse(text, source: options.source)
        var warnings: [String] = []
        var kept: [(entry: HARDocument.Entry, url: URLComponents)] = []
        var staticCount = 0
        var cookieCount = 0
        for entry in document.entries {
            let label = "\(options.source): entry \(entry.index) (\(entry.method) \(entry.url))"
            guard let url = URLComponents(string: entry.url), let scheme = url.scheme?.lowercased(),
                url.host?.isEmpty == false
            else {
                warnings.append("\(label): skipped: not an absolute URL")
                continue
            }
            if scheme == "ws" || scheme == "wss" || entry.resourceType?.lowercased() == "websocket"
                || entry.status == 101 || entry.requestHeader("Upgrade")?.lowercased() == "websocket"
            {
                warnings.append("\(label): skipped: a WebSocket, which scenarios cannot replay")
                continue
            }
            guard scheme == "http" || scheme == "https" else {
                warnings.append("\(label): skipped: not an HTTP URL (\(scheme))")
                continue
            }
            guard methods.contains(entry.method) else {
                warnings.append("\(label): skipped: method \(entry.method) is not one a step can send")
                continue
            }
            guard entry.status > 0 else {
                warnings.append("\(label): skipped: no response was recorded (aborted or blocked)")
                continue
            }
            if !options.includeStatic && isStatic(entry, path: url.path) {
                staticCount += 1
                continue
            }
            if entry.requestHeader("Cookie") != nil { cookieCount += 1 }
            kept.append((entry, url))
        }
        guard !kept.isEmpty else {
            throw .empty(
                source: options.source,
                message: "no HTTP request to import (\(document.entries.count) entries, \(staticCount) static assets)"
            )
        }
        let base = try baseURL(options: options, kept: kept.map(\.url))
        var builder = StepBuilder(base: base)
        for (index, item) in kept.enumerated() {
            let next = index + 1 < kept.count ? kept[index + 1].entry : nil
            builder.add(item.entry, url: item.url, next: next)
        }
        var draft = builder.finish(name: scenarioName(options.source))
        var header = [
            "Imported by `ordeal import har` from \(fileName(options.source)) (HAR \(document.version)"
                + (document.creator.map { ", recorded with \($0)" } ?? "") + ").",
            "\(kept.count) of \(document.entries.count) entries are steps"
                + (staticCount > 0 ? "; \(staticCount) static assets left out (--include-static keeps them)" : "")
                + (warnings.isEmpty ? "" : "; \(warnings.count) skipped (see the warnings of the import)") + ".",
        ]
        if !builder.correlated.isEmpty {
            header.append(
                "Values the service handed out are captured and replayed: \(builder.correlated.joined(separator: ", "))."
            )
        }
        if cookieCount > 0 {
            header.append("Cookies are not replayed: \(cookieCount) recorded requests carried a Cookie header.")
        }
        header.append("Check it with `ordeal validate`, then run it with `ordeal run`.")
        draft.header = header
        // After the header, which counts only the entries skipped.
        warnings += builder.warnings.map { "\(options.source): \($0)" }
        return ImportResult(draft: draft, warnings: warnings)
    }

    static func isStatic(_ entry: HARDocument.Entry, path: String) -> Bool {
        if let type = entry.resourceType?.lowercased(), staticTypes.contains(type) { return true }
        let mime = (entry.responseMimeType ?? entry.responseHeader("Content-Type") ?? "").lowercased()
        if mime.hasPrefix("image/") || mime.hasPrefix("font/") || mime.hasPrefix("text/css") || mime.hasPrefix("audio/")
            || mime.hasPrefix("video/") || mime.contains("javascript")
        {
            return true
        }
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = last.lastIndex(of: ".") else { return false }
        return staticExtensions.contains(last[last.index(after: dot)...].lowercased())
    }

    /// The scenario's base URL and the recorded origin it stands for.
    static func baseURL(options: Options, kept: [URLComponents]) throws(ImportError) -> BaseChoice {
        var counts: [String: Int] = [:]
        for url in kept { counts[origin(url), default: 0] += 1 }
        let recorded = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
        guard let given = options.baseURL else {
            return BaseChoice(url: recorded, recordedOrigin: recorded, prefix: "")
        }
        guard let url = URLComponents(string: given), let scheme = url.scheme, ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            throw .malformed(
                source: "--base-url",
                location: "1:1",
                message: "expected http://host[:port][/prefix], got \(given)"
            )
        }
        let prefix = url.path.hasSuffix("/") ? String(url.path.dropLast()) : url.path
        return BaseChoice(
            url: given.hasSuffix("/") ? String(given.dropLast()) : given,
            recordedOrigin: recorded,
            prefix: prefix
        )
    }

    static func origin(_ url: URLComponents) -> String {
        let scheme = url.scheme!.lowercased()
        let host = url.host!.contains(":") ? "[\(url.host!)]" : url.host!
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func scenarioName(_ path: String) -> String {
        var name = fileName(path)
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name.isEmpty ? "imported" : name
    }
}

/// The base URL chosen, and what to strip from recorded URLs on its origin.
struct BaseChoice {
    let url: String
    let recordedOrigin: String
    /// The base URL's own path prefix, removed from recorded paths that start with it.
    let prefix: String
}
