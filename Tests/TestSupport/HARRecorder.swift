import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small HTTP client that writes what it really sent and received as a HAR 1.2 document, as a browser's dev
/// tools would: the recording an import test starts from.
public actor HARRecorder {
    /// One answer, as the flow that drives the recorder needs it.
    public struct Response: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: Data

        /// The body as a JSON object, if it is one.
        public var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
    }

    private var entries: [[String: Any]] = []
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// Sends one request and records it with its answer.
    public func send(
        _ method: String,
        _ url: String,
        headers: [(String, String)] = [],
        json: Any? = nil
    ) async throws -> Response {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        var sentHeaders = headers
        var bodyText: String?
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
            request.httpBody = data
            bodyText = String(decoding: data, as: UTF8.self)
            sentHeaders.append(("Content-Type", "application/json"))
        }
        for (name, value) in sentHeaders { request.setValue(value, forHTTPHeaderField: name) }
        let started = Date()
        let (data, answer) = try await session.data(for: request)
        let elapsed = Date().timeIntervalSince(started) * 1000
        let http = answer as! HTTPURLResponse
        var responseHeaders: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { responseHeaders[name] = value }
        }
        let components = URLComponents(string: url)!
        var entry: [String: Any] = [
            "startedDateTime": Self.timestamp(started),
            "time": elapsed,
            "request": [
                "method": method, "url": url, "httpVersion": "HTTP/1.1",
                "headers": sentHeaders.map { ["name": $0.0, "value": $0.1] },
                "queryString": (components.queryItems ?? []).map { ["name": $0.name, "value": $0.value ?? ""] },
                "cookies": [Any](), "headersSize": -1, "bodySize": bodyText?.utf8.count ?? 0,
            ] as [String: Any],
            "response": [
                "status": http.statusCode, "statusText": "", "httpVersion": "HTTP/1.1",
                "headers": responseHeaders.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] },
                "cookies": [Any](), "redirectURL": "", "headersSize": -1, "bodySize": data.count,
                "content": [
                    "size": data.count,
                    "mimeType": responseHeaders.first { $0.key.lowercased() == "content-type" }?.value ?? "",
                    "text": String(decoding: data, as: UTF8.self),
                ] as [String: Any],
            ] as [String: Any],
            "cache": [String: Any](),
            "timings": ["send": 0, "wait": elapsed, "receive": 0],
            "_resourceType": "fetch",
        ]
        if let bodyText {
            var request = entry["request"] as! [String: Any]
            request["postData"] = ["mimeType": "application/json", "text": bodyText]
            entry["request"] = request
        }
        entries.append(entry)
        return Response(status: http.statusCode, headers: responseHeaders, body: data)
    }

    /// The HAR document of everything sent so far.
    public func har() throws -> String {
        let document: [String: Any] = [
            "log": [
                "version": "1.2",
                "creator": ["name": "Ordeal HARRecorder", "version": "1"],
                "pages": [Any](),
                "entries": entries,
            ] as [String: Any]
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
