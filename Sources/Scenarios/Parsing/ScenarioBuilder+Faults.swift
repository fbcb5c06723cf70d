import Foundation
import Yams

extension ScenarioBuilder {
    static let toxicKeys = [
        "latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data", "corrupt", "packet_loss",
    ]
    static let processActionKeys = ["pause", "kill", "signal"]
    static let faultKeys =
        ["at", "for", "proxy", "stream", "toxicity", "down", "cpu", "memory", "process", "restart-after"]
        + processActionKeys + toxicKeys

    func readFaults(_ node: Node, target: TargetReference?) -> [FaultSpec] {
        guard let items = context.sequence(node, "a list of faults") else { return [] }
        var proxies: [String]?
        var processes: [String]?
        if case .file(_, let file)? = target {
            proxies = file.proxies.map(\.name)
            processes = file.processes.map(\.name)
        }
        return items.compactMap { readFault($0, proxies: proxies, processes: processes) }
    }

    private func readFault(_ node: Node, proxies: [String]?, processes: [String]?) -> FaultSpec? {
        guard let fields = context.mapping(node, "a fault", allowed: Self.faultKeys) else { return nil }
        let at = fields.require("at", context, expected: "when the fault starts, such as 40s").flatMap {
            context.duration($0, "at", allowZero: true)
        }
        let actions = fields.present(["down", "cpu", "memory"] + Self.processActionKeys + Self.toxicKeys)
        guard actions.count == 1, let actionKey = actions.first else {
            let found = actions.isEmpty ? "none" : actions.joined(separator: ", ")
            context.error(
                fields.location,
                "a fault needs exactly one of down, cpu, memory, pause, kill, signal or a toxic"
                    + " (\(Self.toxicKeys.joined(separator: ", "))); found \(found)"
            )
            return nil
        }
        if actionKey != "kill", let entry = fields.entries.first(where: { $0.key == "restart-after" }) {
            context.error(
                entry.keyNode,
                "\"restart-after\" is not allowed here: it restarts a process after kill: true"
            )
        }
        // A kill lasts until its restart (or the end of the run) and a signal is instantaneous: neither has `for`.
        let instantaneous = actionKey == "kill" || actionKey == "signal"
        if instantaneous {
            let reason =
                actionKey == "kill"
                ? "a kill lasts until the process is ready again after restart-after, or to the end of the run"
                : "a signal is sent once"
            reject(["for"], in: fields, because: reason)
        }
        let duration =
            instantaneous
            ? nil
            : fields.require("for", context, expected: "how long the fault lasts, such as 20s").flatMap {
                context.duration($0, "for")
            }
        let action: FaultAction? =
            switch actionKey {
            case "cpu": readCPU(fields)
            case "memory": readMemory(fields)
            case "pause", "kill", "signal": readProcessFault(fields, key: actionKey, processes: processes)
            default: readProxyFault(fields, key: actionKey, proxies: proxies)
            }
        guard let at, let action, instantaneous || duration != nil else { return nil }
        return FaultSpec(at: at, duration: duration, action: action, location: fields.location)
    }

    private func readMemory(_ fields: Fields) -> FaultAction? {
        reject(["proxy", "stream", "toxicity", "process"], in: fields, because: "memory pressure acts on the host")
        guard let memory = context.mapping(fields["memory"]!, "memory pressure", allowed: ["bytes", "percent"]) else {
            return nil
        }
        let sizes = memory.present(["bytes", "percent"])
        guard sizes.count == 1 else {
            context.error(
                memory.location,
                "memory pressure needs exactly one of bytes (such as 512MiB) or percent (of the available memory)"
            )
            return nil
        }
        if let node = memory["bytes"] {
            guard let text = context.string(node, "a size such as 512MiB or 1GiB") else { return nil }
            do {
                let bytes = try ByteSizeParser.parse(text)
                guard bytes > 0 else {
                    context.error(node, "expected a size greater than zero, found \"\(text)\"")
                    return nil
                }
                return .memory(MemoryPressureSpec(bytes: bytes))
            } catch {
                context.error(node, "bytes: \(error.description)")
                return nil
            }
        }
        let node = memory["percent"]!
        guard let percent = context.double(node, "percent", in: 0...100, percentIsUnit: true) else { return nil }
        guard percent > 0 else {
            context.error(node, "expected percent above 0, found \"\(percent.formatted())\"")
            return nil
        }
        return .memory(MemoryPressureSpec(percent: percent))
    }

    private func readProcessFault(_ fields: Fields, key: String, processes: [String]?) -> FaultAction? {
        reject(["proxy", "stream", "toxicity"], in: fields, because: "a process fault acts on a process, not a proxy")
        guard
            let processNode = fields.require("process", context, expected: "the name of a process in the target file"),
            let name = context.string(processNode, "a process name")
        else { return nil }
        if let processes, !processes.contains(name) {
            let hint = Suggestion.closest(to: name, among: processes).map { "; did you mean \"\($0)\"?" } ?? ""
            let known = processes.isEmpty ? "no processes" : processes.joined(separator: ", ")
            context.error(processNode, "unknown process \"\(name)\": the target starts \(known)\(hint)")
        } else if processes == nil {
            context.error(
                processNode,
                "process faults need a target file that starts process \"\(name)\"; this scenario gives only a url"
            )
        }
        let value = fields[key]!
        switch key {
        case "signal":
            guard let text = context.string(value, "a signal name such as TERM") else { return nil }
            let signal = text.uppercased().hasPrefix("SIG") ? String(text.uppercased().dropFirst(3)) : text.uppercased()
            guard ProcessFaultSpec.signalNames.contains(signal) else {
                let names = ProcessFaultSpec.signalNames.joined(separator: ", ")
                context.error(value, "unknown signal \"\(text)\": expected one of \(names)")
                return nil
            }
            return .process(name: name, .signal(signal))
        default:
            guard let on = context.bool(value, key) else { return nil }
            if !on { context.error(value, "\(key): false does nothing; remove the fault or set \(key): true") }
            var restartAfter: Duration?
            if key == "kill", let node = fields["restart-after"] {
                guard let delay = context.duration(node, "restart-after", allowZero: true) else { return nil }
                restartAfter = delay
            }
            guard on else { return nil }
            return .process(name: name, key == "pause" ? .pause : .kill(restartAfter: restartAfter))
        }
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

    private func readProxyFault(_ fields: Fields, key: String, proxies: [String]?) -> FaultAction? {
        reject(["process"], in: fields, because: "\(key) acts on a proxy")
        guard let proxyNode = fields.require("proxy", context, expected: "the name of a proxy in the target file"),
            let proxy = context.string(proxyNode, "a proxy name")
        else { return nil }
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
        let toxicity = fields["toxicity"].map { context.double($0, "toxicity", in: 0...1) } ?? 1
        guard let kind = readToxic(key, fields[key]!), let toxicity else { return nil }
        return .toxic(proxy: proxy, ToxicSpec(kind: kind, stream: stream ?? .downstream, toxicity: toxicity))
    }
}
