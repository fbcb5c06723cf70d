import Foundation
import Yams

extension ScenarioBuilder {
    /// Reads a toxic as written: its envelope (`stream`, `toxicity`, beside the toxic or inside its mapping) and its
    /// attributes as text with their positions. Which attributes a type has, and what they mean, is the fault
    /// injector's to check.
    func readRawToxic(_ type: String, fields: Fields) -> RawToxic? {
        let typeNode = fields.entries.first { $0.key == type }!.keyNode
        guard let mapping = context.mapping(fields[type]!, "\(type) attributes", allowed: []) else { return nil }
        var attributes: [RawAttribute] = []
        var envelope: [String: Node] = [:]
        for entry in mapping.entries {
            if ["stream", "toxicity"].contains(entry.key) {
                if fields.has(entry.key) {
                    context.error(entry.keyNode, "give \"\(entry.key)\" beside \(type) or inside it, not both")
                }
                envelope[entry.key] = entry.value
                continue
            }
            guard let text = context.string(entry.value, "a value for \"\(entry.key)\"", allowEmpty: true) else {
                continue
            }
            attributes.append(
                RawAttribute(
                    name: entry.key,
                    text: text,
                    nameLocation: context.location(entry.keyNode),
                    location: context.location(entry.value)
                )
            )
        }
        let streamNode = fields["stream"] ?? envelope["stream"]
        let stream = streamNode.flatMap { node -> ToxicDirection? in
            guard let text = context.string(node, "a stream") else { return nil }
            guard let direction = ToxicDirection(rawValue: text) else {
                context.error(node, "expected stream upstream or downstream, found \"\(text)\"")
                return nil
            }
            return direction
        }
        let toxicityNode = fields["toxicity"] ?? envelope["toxicity"]
        let toxicity = toxicityNode.map { context.double($0, "toxicity", in: 0...1) } ?? 1
        guard streamNode == nil || stream != nil, let toxicity else { return nil }
        return RawToxic(
            type: type,
            typeLocation: context.location(typeNode),
            stream: stream ?? .downstream,
            toxicity: toxicity,
            attributes: attributes,
            location: mapping.location
        )
    }
}
