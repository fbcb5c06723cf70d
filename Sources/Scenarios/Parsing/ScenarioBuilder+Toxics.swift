import Foundation
import Yams

extension ScenarioBuilder {
    /// Each toxic's attributes, in Toxiproxy's names (plus `delay` as an alias of latency's `latency`).
    static let toxicAttributes: [String: [String]] = [
        "latency": ["latency", "delay", "jitter"], "bandwidth": ["rate"], "slow_close": ["delay"],
        "timeout": ["timeout"], "reset_peer": ["timeout"], "slicer": ["average_size", "size_variation", "delay"],
        "limit_data": ["bytes"], "corrupt": ["probability"], "packet_loss": ["probability"],
        "http_status": ["status", "body", "retry_after"] + httpMatchKeys,
        "http_latency": ["latency", "delay", "jitter"] + httpMatchKeys,
        "http_abort": ["after_bytes", "reset"] + httpMatchKeys,
        "http_header": ["set_name", "set_value", "remove_name"] + httpMatchKeys,
    ]

    /// The match attributes every HTTP toxic takes, and its toxicity (drawn per request).
    static let httpMatchKeys = ["method", "path", "header_name", "header_value", "toxicity"]

    /// Reads a toxic's attributes, with durations as literals (`200ms`) rather than Toxiproxy's bare milliseconds.
    func readToxic(_ key: String, _ node: Node) -> ToxicKind? {
        let allowed = Self.toxicAttributes[key] ?? []
        guard let fields = context.mapping(node, "\(key) attributes", allowed: allowed) else { return nil }
        let attributes = ToxicAttributes(context: context, fields: fields, toxic: key)
        switch key {
        case "latency": return readLatency(attributes)
        case "bandwidth":
            return attributes.integer("rate", 1...Int(Int32.max)).map { .bandwidth(kilobytesPerSecond: $0) }
        case "slow_close": return attributes.duration("delay").map { .slowClose(delay: $0) }
        case "timeout": return attributes.duration("timeout").map { .timeout($0) }
        case "reset_peer": return attributes.duration("timeout", required: false).map { .resetPeer(timeout: $0) }
        case "slicer": return readSlicer(attributes)
        case "limit_data": return attributes.integer("bytes", 0...Int.max).map { .limitData(bytes: $0) }
        case "http_status", "http_latency", "http_abort", "http_header": return readHTTPToxic(key, attributes)
        default:
            let probability = fields.require("probability", context, expected: "a probability between 0 and 1").flatMap
            {
                context.double($0, "probability", in: 0...1)
            }
            return probability.map { key == "corrupt" ? .corrupt(probability: $0) : .packetLoss(probability: $0) }
        }
    }

    private func readLatency(_ attributes: ToxicAttributes) -> ToxicKind? {
        let fields = attributes.fields
        if fields.has("latency"), fields.has("delay") {
            context.error(fields.location, "give \"latency\" or its alias \"delay\", not both")
        }
        let delay = attributes.duration(fields.has("delay") ? "delay" : "latency")
        let jitter = attributes.duration("jitter", required: false)
        guard let delay, let jitter else { return nil }
        return .latency(latency: delay, jitter: jitter)
    }

    private func readHTTPToxic(_ key: String, _ attributes: ToxicAttributes) -> ToxicKind? {
        let fields = attributes.fields
        func text(_ name: String) -> String? {
            fields[name].map { context.string($0, name, allowEmpty: true) } ?? ""
        }
        guard let match = readHTTPMatch(fields) else { return nil }
        switch key {
        case "http_status":
            let status = attributes.integer("status", 100...599)
            let retryAfter = attributes.duration("retry_after", required: false)
            guard let status, let body = text("body"), let retryAfter else { return nil }
            let seconds = Int(
                (Double(retryAfter.components.seconds) + Double(retryAfter.components.attoseconds) / 1e18).rounded(.up)
            )
            return .httpStatus(status: status, body: body, retryAfter: seconds, match: match)
        case "http_latency":
            guard case .latency(let latency, let jitter)? = readLatency(attributes) else { return nil }
            return .httpLatency(latency: latency, jitter: jitter, match: match)
        case "http_abort":
            let afterBytes = fields["after_bytes"].map { context.int($0, "after_bytes", in: 0...Int.max) } ?? 0
            let reset = fields["reset"].map { context.bool($0, "reset") } ?? false
            guard let afterBytes, let reset else { return nil }
            return .httpAbort(afterBytes: afterBytes, reset: reset, match: match)
        default:
            guard let setName = text("set_name"), let setValue = text("set_value"), let removeName = text("remove_name")
            else { return nil }
            if setName.isEmpty && removeName.isEmpty {
                context.error(fields.location, "http_header needs set_name (with set_value) or remove_name")
                return nil
            }
            return .httpHeader(setName: setName, setValue: setValue, removeName: removeName, match: match)
        }
    }

    /// The match attributes; a path is a glob of `*` and `?` that starts with `/` (or `*`).
    private func readHTTPMatch(_ fields: Fields) -> HTTPMatchSpec? {
        var match = HTTPMatchSpec()
        for (name, keyPath) in [
            ("method", \HTTPMatchSpec.method), ("path", \.path), ("header_name", \.headerName),
            ("header_value", \.headerValue),
        ] {
            guard let node = fields[name] else { continue }
            guard let value = context.string(node, name) else { return nil }
            match[keyPath: keyPath] = value
        }
        if let node = fields["path"] {
            if let bad = match.path.first(where: { "[]{}\\ ".contains($0) }) {
                context.error(node, "bad path glob \"\(match.path)\": \"\(bad)\" is not supported; use * and ?")
                return nil
            }
            if !(match.path.hasPrefix("/") || match.path.hasPrefix("*")) {
                context.error(node, "bad path glob \"\(match.path)\": a path starts with / (or *)")
                return nil
            }
        }
        if match.headerName.isEmpty, let node = fields["header_value"] {
            context.error(node, "header_value needs a header_name")
            return nil
        }
        return match
    }

    private func readSlicer(_ attributes: ToxicAttributes) -> ToxicKind? {
        let average = attributes.integer("average_size", 1...Int(Int32.max))
        let variation =
            attributes.fields["size_variation"].map { context.int($0, "size_variation", in: 0...Int(Int32.max)) } ?? 0
        let delay = attributes.duration("delay", required: false)
        guard let average, let variation, let delay else { return nil }
        guard variation < average else {
            context.error(attributes.fields.location, "size_variation must be smaller than average_size")
            return nil
        }
        return .slicer(averageSize: average, sizeVariation: variation, delay: delay)
    }
}

/// The attribute mapping of one toxic, read with messages that name the toxic.
struct ToxicAttributes {
    let context: YAMLContext
    let fields: Fields
    let toxic: String

    /// A duration attribute; a missing optional one is zero.
    func duration(_ name: String, required: Bool = true) -> Duration? {
        guard let value = fields[name] else {
            if required {
                context.error(fields.location, "missing \"\(name)\" in \(toxic): expected a duration such as 200ms")
            }
            return required ? nil : .zero
        }
        return context.duration(value, name, allowZero: true)
    }

    func integer(_ name: String, _ range: ClosedRange<Int>) -> Int? {
        fields.require(name, context, expected: "an integer").flatMap { context.int($0, name, in: range) }
    }
}
