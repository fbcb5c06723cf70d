import Foundation
import Yams

extension ScenarioBuilder {
    /// Each toxic's attributes, in Toxiproxy's names (plus `delay` as an alias of latency's `latency`).
    static let toxicAttributes: [String: [String]] = [
        "latency": ["latency", "delay", "jitter"], "bandwidth": ["rate"], "slow_close": ["delay"],
        "timeout": ["timeout"], "reset_peer": ["timeout"], "slicer": ["average_size", "size_variation", "delay"],
        "limit_data": ["bytes"], "corrupt": ["probability"], "packet_loss": ["probability"],
    ]

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
