/// The parts of a HAR 1.2 recording (http://www.softwareishard.com/blog/har-12-spec/) that an import reads.
public struct HARDocument: Sendable {
    /// One request and its response.
    public struct Entry: Sendable {
        /// The entry's position in `log.entries`, for messages.
        public var index: Int
        /// Milliseconds since the epoch at which the request started, if `startedDateTime` parses.
        public var startedMilliseconds: Double?
        /// Total time of the entry in milliseconds (`time`).
        public var time: Double
        public var method: String
        public var url: String
        public var requestHeaders: [(name: String, value: String)]
        /// `postData.mimeType` and `postData.text`.
        public var requestMimeType: String?
        public var requestText: String?
        public var status: Int
        public var responseHeaders: [(name: String, value: String)]
        public var responseMimeType: String?
        /// `content.text`, decoded when it is base64.
        public var responseText: String?
        /// Chrome's `_resourceType` (document, xhr, fetch, script, stylesheet, image, font, websocket…).
        public var resourceType: String?

        func requestHeader(_ name: String) -> String? {
            requestHeaders.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        func responseHeader(_ name: String) -> String? {
            responseHeaders.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public var version: String
    public var creator: String?
    public var entries: [Entry]

    /// Parses a HAR document; a problem is one ``ImportError/malformed(source:location:message:)`` naming the
    /// JSON pointer of the offending value.
    public static func parse(_ text: String, source: String) throws(ImportError) -> HARDocument {
        let root: JSONTree
        do {
            root = try JSONTreeParser.parse(text)
        } catch {
            throw .malformed(source: source, location: "\(error.line):\(error.column)", message: error.message)
        }
        let reader = Reader(source: source)
        let log = try reader.object(root["log"], "/log", in: root)
        let version = try reader.optionalString(log["version"], "/log/version") ?? "1.2"
        let creator = try reader.optionalString(log["creator"]?["name"], "/log/creator/name")
        guard case .array(let items) = try reader.required(log["entries"], "/log/entries", "an array of entries")
        else { throw reader.wrong("/log/entries", "an array of entries", log["entries"]!) }
        var entries: [Entry] = []
        for (index, item) in items.enumerated() {
            entries.append(try reader.entry(item, index: index))
        }
        return HARDocument(version: version, creator: creator, entries: entries)
    }
}

/// Reads HAR values with JSON pointers for messages.
private struct Reader {
    let source: String

    func wrong(_ pointer: String, _ expected: String, _ found: JSONTree) -> ImportError {
        .malformed(source: source, location: pointer, message: "expected \(expected), found \(found.kind)")
    }

    func required(_ value: JSONTree?, _ pointer: String, _ expected: String) throws(ImportError) -> JSONTree {
        guard let value else { throw .malformed(source: source, location: pointer, message: "expected \(expected)") }
        return value
    }

    func object(_ value: JSONTree?, _ pointer: String, in parent: JSONTree? = nil) throws(ImportError) -> JSONTree {
        let value = try required(value, pointer, "an object")
        guard case .object = value else { throw wrong(pointer, "an object", value) }
        return value
    }

    func string(_ value: JSONTree?, _ pointer: String) throws(ImportError) -> String {
        let value = try required(value, pointer, "a string")
        guard case .string(let text) = value else { throw wrong(pointer, "a string", value) }
        return text
    }

    func optionalString(_ value: JSONTree?, _ pointer: String) throws(ImportError) -> String? {
        guard let value, value != .null else { return nil }
        guard case .string(let text) = value else { throw wrong(pointer, "a string", value) }
        return text
    }

    func number(_ value: JSONTree?, _ pointer: String) throws(ImportError) -> Double {
        let value = try required(value, pointer, "a number")
        guard case .number(let text) = value, let number = Double(text) else { throw wrong(pointer, "a number", value) }
        return number
    }

    func headers(_ value: JSONTree?, _ pointer: String) throws(ImportError) -> [(name: String, value: String)] {
        guard let value else { return [] }
        guard case .array(let items) = value else { throw wrong(pointer, "an array of {name, value}", value) }
        var headers: [(name: String, value: String)] = []
        for (index, item) in items.enumerated() {
            let itemPointer = "\(pointer)/\(index)"
            _ = try object(item, itemPointer)
            headers.append(
                (try string(item["name"], "\(itemPointer)/name"), try string(item["value"], "\(itemPointer)/value"))
            )
        }
        return headers
    }

    func entry(_ item: JSONTree, index: Int) throws(ImportError) -> HARDocument.Entry {
        let pointer = "/log/entries/\(index)"
        _ = try object(item, pointer)
        let request = try object(item["request"], "\(pointer)/request")
        let response = try object(item["response"], "\(pointer)/response")
        let started = try optionalString(item["startedDateTime"], "\(pointer)/startedDateTime")
        let time = item["time"] == nil ? 0 : try number(item["time"], "\(pointer)/time")
        let status = try number(response["status"], "\(pointer)/response/status")
        let content = response["content"]
        var responseText = try optionalString(content?["text"], "\(pointer)/response/content/text")
        if try optionalString(content?["encoding"], "\(pointer)/response/content/encoding") == "base64",
            let encoded = responseText
        {
            responseText = Base64.decode(encoded).flatMap { String(validating: $0, as: UTF8.self) }
        }
        let postData = request["postData"]
        return HARDocument.Entry(
            index: index,
            startedMilliseconds: started.flatMap(ISO8601.milliseconds),
            time: max(0, time),
            method: try string(request["method"], "\(pointer)/request/method").uppercased(),
            url: try string(request["url"], "\(pointer)/request/url"),
            requestHeaders: try headers(request["headers"], "\(pointer)/request/headers"),
            requestMimeType: try optionalString(postData?["mimeType"], "\(pointer)/request/postData/mimeType"),
            requestText: try optionalString(postData?["text"], "\(pointer)/request/postData/text"),
            status: Int(status),
            responseHeaders: try headers(response["headers"], "\(pointer)/response/headers"),
            responseMimeType: try optionalString(content?["mimeType"], "\(pointer)/response/content/mimeType"),
            responseText: responseText,
            resourceType: try optionalString(item["_resourceType"], "\(pointer)/_resourceType")
        )
    }
}

/// RFC 4648 base64, for HAR bodies stored encoded (Foundation-free, so the module stays small).
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var table = [Int](repeating: -1, count: 256)
        for (value, byte) in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8).enumerated()
        {
            table[Int(byte)] = value
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") || byte == 0x0A || byte == 0x0D || byte == 0x20 { continue }
            let value = table[Int(byte)]
            guard value >= 0 else { return nil }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return out
    }
}

/// Parses the ISO 8601 timestamps HAR files carry (`2024-05-01T10:00:00.123Z`, `…+02:00`).
enum ISO8601 {
    static func milliseconds(_ text: String) -> Double? {
        let scalars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count else { return nil }
            return Int(String(decoding: scalars[range], as: UTF8.self))
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < scalars.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scalars[index]) {
                fraction += Double(scalars[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetMinutes = 0
        if index < scalars.count, scalars[index] == UInt8(ascii: "+") || scalars[index] == UInt8(ascii: "-") {
            let sign = scalars[index] == UInt8(ascii: "-") ? -1 : 1
            guard let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6) else {
                return nil
            }
            offsetMinutes = sign * (hours * 60 + minutes)
        }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60) + fraction
        return seconds * 1000
    }
}
