import Foundation
import Yams

extension ScenarioBuilder {
    static let toxicKeys = [
        "latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data", "corrupt", "packet_loss",
        "http_status", "http_latency", "http_abort", "http_header",
    ]
    static let faultKeys = ["at", "for", "proxy", "stream", "toxicity", "down", "cpu"] + toxicKeys

    func readFaults(_ node: Node, target: TargetReference?) -> [FaultSpec] {
        guard let items = context.sequence(node, "a list of faults") else { return [] }
        var proxies: [ProxySpec]?
        if case .file(_, let file)? = target { proxies = file.proxies }
        return items.compactMap { readFault($0, proxies: proxies) }
    }

    private func readFault(_ node: Node, proxies: [ProxySpec]?) -> FaultSpec? {
        guard let fields = context.mapping(node, "a fault", allowed: Self.faultKeys) else { return nil }
        let at = fields.require("at", context, expected: "when the fault starts, such as 40s").flatMap {
            context.duration($0, "at", allowZero: true)
        }
        let duration = fields.require("for", context, expected: "how long the fault lasts, such as 20s").flatMap {
            context.duration($0, "for")
        }
        let actions = fields.present(["down", "cpu"] + Self.toxicKeys)
        guard actions.count == 1, let actionKey = actions.first else {
            let found = actions.isEmpty ? "none" : actions.joined(separator: ", ")
            context.error(
                fields.location,
                "a fault needs exactly one of down, cpu or a toxic (\(Self.toxicKeys.joined(separator: ", "))); found \(found)"
            )
            return nil
        }
        let action = actionKey == "cpu" ? readCPU(fields) : readProxyFault(fields, key: actionKey, proxies: proxies)
        guard let at, let duration, let action else { return nil }
        return FaultSpec(at: at, duration: duration, action: action, location: fields.location)
    }

    private func readCPU(_ fields: Fields) -> FaultAction? {
        reject(["proxy", "stream", "toxicity"], in: fields, because: "cpu pressure acts on the host, not on a proxy")
        guard let cpu = context.mapping(fields["cpu"]!, "cpu pressure", allowed: ["percent", "cores"]) else {
            return nil
        }
        let percent = cpu.require("percent", context, expected: "the share of each core to use, 1 to 100").flatMap {
            context.double($0, "percent", in: 1...100, percentIsUnit: true)
        }
        // Absent `cores` means every core; only a `cores` that is present and invalid (already reported) drops the fault.
        var cores: Int?
        if let node = cpu["cores"] {
            guard let count = context.int(node, "cores", in: 1...4096) else { return nil }
            cores = count
        }
        guard let percent else { return nil }
        return .cpu(CPUPressureSpec(percent: percent, cores: cores))
    }

    private func readProxyFault(_ fields: Fields, key: String, proxies specs: [ProxySpec]?) -> FaultAction? {
        guard let proxyNode = fields.require("proxy", context, expected: "the name of a proxy in the target file"),
            let proxy = context.string(proxyNode, "a proxy name")
        else { return nil }
        let proxies = specs?.map(\.name)
        if key.hasPrefix("http_"), let spec = specs?.first(where: { $0.name == proxy }), spec.protocol != .http {
            context.error(
                fields[key]!,
                "\(key) acts on HTTP requests: give proxy \"\(proxy)\" protocol: http in the target file"
            )
        }
        if let proxies, !proxies.contains(proxy) {
            let hint = Suggestion.closest(to: proxy, among: proxies).map { "; did you mean \"\($0)\"?" } ?? ""
            context.error(
                proxyNode,
                "unknown proxy \"\(proxy)\": the target declares \(proxies.isEmpty ? "no proxies" : proxies.joined(separator: ", "))\(hint)"
            )
        } else if proxies == nil {
            context.error(
                proxyNode,
                "proxy faults need a target file that declares proxy \"\(proxy)\"; this scenario gives only a url"
            )
        }
        if key == "down" {
            reject(["stream", "toxicity"], in: fields, because: "down takes the whole proxy down")
            let down = fields["down"]!
            if case .mapping = down { return .down(proxy: proxy) }
            guard let value = context.bool(down, "down") else { return nil }
            if !value { context.error(down, "down: false does nothing; remove the fault or set down: true") }
            return value ? .down(proxy: proxy) : nil
        }
        let stream = fields["stream"].flatMap { node -> ToxicDirection? in
            guard let text = context.string(node, "a stream") else { return nil }
            guard let direction = ToxicDirection(rawValue: text) else {
                context.error(node, "expected stream upstream or downstream, found \"\(text)\"")
                return nil
            }
            return direction
        }
        var toxicity = fields["toxicity"].map { context.double($0, "toxicity", in: 0...1) } ?? 1
        // An HTTP toxic may carry its toxicity among its attributes (`http_status: {status: 503, toxicity: 5%}`).
        if case .mapping(let attributes) = fields[key]!,
            let node = attributes.first(where: { $0.key.string == "toxicity" })?.value
        {
            if fields.has("toxicity") { context.error(node, "give toxicity once, on the fault or in \(key)") }
            toxicity = context.double(node, "toxicity", in: 0...1)
        }
        guard let kind = readToxic(key, fields[key]!), let toxicity else { return nil }
        return .toxic(proxy: proxy, ToxicSpec(kind: kind, stream: stream ?? .downstream, toxicity: toxicity))
    }
}
