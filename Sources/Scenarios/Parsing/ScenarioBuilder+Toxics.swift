import Foundation
import Yams

extension ScenarioBuilder {
    /// Reads a toxic's attributes in Toxiproxy's names, with durations as literals (`200ms`) rather than bare ms.
    func readToxic(_ key: String, _ node: Node) -> ToxicKind? {
        let allowed: [String] =
            switch key {
            case "latency": ["latency", "delay", "jitter"]
            case "bandwidth": ["rate"]
            case "slow_close": ["delay"]
            case "timeout", "reset_peer": ["timeout"]
            case "slicer": ["average_size", "size_variation", "delay"]
            case "limit_data": ["bytes"]
            default: ["probability"]
            }
        guard let fields = context.mapping(node, "\(key) attributes", allowed: allowed) else { return nil }
        func duration(_ name: String, required: Bool = true) -> Duration? {
            guard let value = fields[name] else {
                if required {
                    context.error(fields.location, "missing \"\(name)\" in \(key): expected a duration such as 200ms")
                }
                return required ? nil : .zero
            }
            return context.duration(value, name, allowZero: true)
        }
        func integer(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            fields.require(name, context, expected: "an integer").flatMap { context.int($0, name, in: range) }
        }
        switch key {
        case "latency":
            if fields.has("latency"), fields.has("delay") {
                context.error(fields.location, "give \"latency\" or its alias \"delay\", not both")
            }
            let delay = duration(fields.has("delay") ? "delay" : "latency")
            let jitter = duration("jitter", required: false)
            guard let delay, let jitter else { return nil }
            return .latency(latency: delay, jitter: jitter)
        case "bandwidth": return integer("rate", 1...Int(Int32.max)).map { .bandwidth(kilobytesPerSecond: $0) }
        case "slow_close": return duration("delay").map { .slowClose(delay: $0) }
        case "timeout": return duration("timeout").map { .timeout($0) }
        case "reset_peer": return duration("timeout", required: false).map { .resetPeer(timeout: $0) }
        case "slicer":
            let average = integer("average_size", 1...Int(Int32.max))
            let variation =
                fields["size_variation"].map { context.int($0, "size_variation", in: 0...Int(Int32.max)) } ?? 0
            let delay = duration("delay", required: false)
            guard let average, let variation, let delay else { return nil }
            if variation >= average {
                context.error(fields.location, "size_variation must be smaller than average_size")
            }
            return variation < average ? .slicer(averageSize: average, sizeVariation: variation, delay: delay) : nil
        case "limit_data": return integer("bytes", 0...Int.max).map { .limitData(bytes: $0) }
        default:
            let probability = fields.require("probability", context, expected: "a probability between 0 and 1").flatMap
            {
                context.double($0, "probability", in: 0...1)
            }
            return probability.map { key == "corrupt" ? .corrupt(probability: $0) : .packetLoss(probability: $0) }
        }
    }
}
