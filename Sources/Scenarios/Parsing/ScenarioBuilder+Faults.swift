import Basics
import Foundation
import Yams

extension ScenarioBuilder {
    /// The keys a fault may have besides its toxic, whose key is its type (checked by the fault injector's registry).
    static let faultKeys = [
        "at", "for", "proxy", "stream", "toxicity", "down", "cpu", "memory", "process", "pause", "kill", "signal",
        "restart-after",
    ]
    /// The keys that say what a fault does when no toxic does.
    static let actionKeys = ["down", "cpu", "memory", "pause", "kill", "signal"]
    static let processKeys = ["pause", "kill", "signal", "restart-after"]

    func readFaults(_ node: Node, target: TargetReference?) -> [FaultSpec] {
        guard let items = context.sequence(node, "a list of faults") else { return [] }
        var known: KnownNames?
        if case .file(_, let file)? = target {
            known = KnownNames(proxies: file.proxies.map(\.name), processes: file.processes.map(\.name))
        }
        return items.compactMap { readFault($0, known: known) }
    }

    /// The proxies and processes a target file declares; nil when the scenario gives only a URL.
    struct KnownNames {
        let proxies: [String]
        let processes: [String]
    }

    private func readFault(_ node: Node, known: KnownNames?) -> FaultSpec? {
        guard let fields = context.mapping(node, "a fault", allowed: []) else { return nil }
        let toxicKeys = fields.entries.map(\.key).filter { !Self.faultKeys.contains($0) }
        let actions = fields.present(Self.actionKeys) + toxicKeys
        let isProcess = fields.has("process")
        guard actions.count == 1, let actionKey = actions.first else {
            let found = actions.isEmpty ? "none" : actions.joined(separator: ", ")
            context.error(
                fields.location,
                "a fault needs exactly one of down, cpu, memory, pause, kill, signal or a toxic (such as latency or http_status); found \(found)"
            )
            return nil
        }
        let at = fields.require("at", context, expected: "when the fault starts, such as 40s").flatMap {
            context.duration($0, "at", allowZero: true)
        }
        let lasts = !["kill", "signal"].contains(actionKey)
        var duration: Duration?
        if lasts {
            duration = fields.require("for", context, expected: "how long the fault lasts, such as 20s").flatMap {
                context.duration($0, "for")
            }
        } else if let node = fields["for"] {
            let instead = actionKey == "kill" ? "; to bring it back, give restart-after" : ""
            context.error(node, "a \(actionKey) is one act and has no \"for\"\(instead)")
        }
        if !isProcess, let key = fields.present(Self.processKeys).first {
            context.error(fields.location, "\(key) acts on a process: give \"process: NAME\" with it")
            return nil
        }
        let action: FaultAction?
        switch actionKey {
        case "cpu": action = readCPU(fields)
        case "memory": action = readMemory(fields)
        case "pause", "kill", "signal": action = readProcessFault(fields, key: actionKey, known: known)
        default: action = readProxyFault(fields, key: actionKey, known: known)
        }
        guard let at, !lasts || duration != nil, let action else { return nil }
        return FaultSpec(at: at, duration: duration, action: action, location: fields.location)
    }

    private func readCPU(_ fields: Fields) -> FaultAction? {
        reject(["proxy", "stream", "toxicity", "process"], in: fields, because: "cpu pressure acts on the host")
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

    private func readMemory(_ fields: Fields) -> FaultAction? {
        reject(["proxy", "stream", "toxicity", "process"], in: fields, because: "memory pressure acts on the host")
        guard let memory = context.mapping(fields["memory"]!, "memory pressure", allowed: ["bytes", "percent"]) else {
            return nil
        }
        switch (memory["bytes"], memory["percent"]) {
        case (let bytes?, nil):
            return context.byteSize(bytes, "bytes").map { .memory(.bytes($0)) }
        case (nil, let percent?):
            guard let share = context.double(percent, "percent", in: 0...100, percentIsUnit: true) else { return nil }
            guard share > 0 else {
                context.error(percent, "expected percent greater than zero, found \"\(share.formatted())\"")
                return nil
            }
            return .memory(.percent(share))
        default:
            context.error(memory.location, "memory pressure needs exactly one of bytes (such as 512MiB) or percent")
            return nil
        }
    }

    private func readProcessFault(_ fields: Fields, key: String, known: KnownNames?) -> FaultAction? {
        reject(["proxy", "stream", "toxicity"], in: fields, because: "a process fault acts on a process, not a proxy")
        guard let node = fields.require("process", context, expected: "the name of a process the target file starts"),
            let name = context.string(node, "a process name")
        else { return nil }
        if let processes = known?.processes, !processes.contains(name) {
            let hint = Suggestion.closest(to: name, among: processes).map { "; did you mean \"\($0)\"?" } ?? ""
            let declared = processes.isEmpty ? "no processes" : processes.joined(separator: ", ")
            context.error(node, "unknown process \"\(name)\": the target starts \(declared)\(hint)")
        } else if known == nil {
            context.error(
                node,
                "process faults need a target file that starts process \"\(name)\"; this scenario gives only a url"
            )
        }
        if key != "kill", let restart = fields["restart-after"] {
            context.error(restart, "restart-after goes with kill: true")
        }
        let value = fields[key]!
        switch key {
        case "signal":
            guard let text = context.string(value, "a signal") else { return nil }
            let signal = text.uppercased().hasPrefix("SIG") ? String(text.uppercased().dropFirst(3)) : text.uppercased()
            guard ProcessSignal(rawValue: signal) != nil else {
                let names = ProcessSignal.allCases.map(\.rawValue)
                let list = names.dropLast().joined(separator: ", ") + " or " + names.last!
                context.error(value, "expected signal \(list), found \"\(text)\"")
                return nil
            }
            return .process(name: name, .signal(signal))
        default:
            guard let on = context.bool(value, key) else { return nil }
            guard on else {
                context.error(value, "\(key): false does nothing; remove the fault or set \(key): true")
                return nil
            }
            if key == "pause" { return .process(name: name, .pause) }
            var restartAfter: Duration?
            if let node = fields["restart-after"] {
                guard let delay = context.duration(node, "restart-after", allowZero: true) else { return nil }
                restartAfter = delay
            }
            return .process(name: name, .kill(restartAfter: restartAfter))
        }
    }

    private func readProxyFault(_ fields: Fields, key: String, known: KnownNames?) -> FaultAction? {
        reject(["process"], in: fields, because: "a proxy fault acts on a proxy")
        guard let proxyNode = fields.require("proxy", context, expected: "the name of a proxy in the target file"),
            let proxy = context.string(proxyNode, "a proxy name")
        else { return nil }
        if let proxies = known?.proxies, !proxies.contains(proxy) {
            let hint = Suggestion.closest(to: proxy, among: proxies).map { "; did you mean \"\($0)\"?" } ?? ""
            context.error(
                proxyNode,
                "unknown proxy \"\(proxy)\": the target declares \(proxies.isEmpty ? "no proxies" : proxies.joined(separator: ", "))\(hint)"
            )
        } else if known == nil {
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
        return readRawToxic(key, fields: fields).map { .toxic(proxy: proxy, $0) }
    }
}
