import Basics
import Foundation

/// A one-paragraph plain-English plan of a scenario, as `ordeal validate` prints it.
extension Scenario {
    public var summary: String {
        var sentences: [String] = []
        let requests = requests
        sentences.append(
            "Scenario \"\(name)\" sends \(plural(requests.count, "request")) per iteration (\(requests.map(\.name).joined(separator: ", "))) to \(targetPhrase)."
        )
        let total = load.reduce(Duration.zero) { $0 + $1.duration }
        sentences.append(
            "Load: \(plural(load.count, "phase")) lasting up to \(format(total)): \(load.map(\.summary).joined(separator: "; "))."
        )
        if !data.isEmpty {
            let sources = data.map { "\($0.name) (\(plural($0.rows.count, "row")), \($0.order.rawValue))" }
            sentences.append("Data: \(sources.joined(separator: ", ")).")
        }
        sentences.append(faults.isEmpty ? "No faults." : "Faults: \(faults.map(\.summary).joined(separator: "; ")).")
        sentences.append(slo.isEmpty ? "No SLOs." : "SLOs: \(slo.map(\.text).joined(separator: "; ")).")
        return sentences.joined(separator: " ")
    }

    private var targetPhrase: String {
        switch target {
        case .url(let url): "\(url)"
        case .file(_, let target):
            "\(target.baseURL) (target \"\(target.name)\": \(plural(target.processes.count, "process", "processes")) "
                + "to start, \(plural(target.proxies.count, "proxy", "proxies")))"
        }
    }
}

extension LoadPhase {
    /// `warm-up: 50/s for 10s (max 1000 in flight)` and the like.
    public var summary: String {
        switch kind {
        case .constantArrivalRate(let phase):
            "\(name): \(rate(phase.rate)) for \(format(phase.duration)) (max \(phase.maxInFlight) in flight)"
        case .rampingArrivalRate(let phase):
            "\(name): \(rate(phase.start)) → "
                + phase.stages.map { "\(rate($0.target)) over \(format($0.duration))" }.joined(separator: " → ")
                + " (max \(phase.maxInFlight) in flight)"
        case .constantVirtualUsers(let phase):
            "\(name): \(plural(phase.virtualUsers, "virtual user")) for \(format(phase.duration))"
        case .rampingVirtualUsers(let phase):
            "\(name): \(phase.start) → "
                + phase.stages.map { "\($0.target) VUs over \(format($0.duration))" }.joined(separator: " → ")
        case .iterations(let phase):
            "\(name): \(plural(phase.totalIterations, "iteration")) "
                + (phase.distribution == .shared ? "shared by" : "(\(phase.count) each) across")
                + " \(plural(phase.virtualUsers, "virtual user")), at most \(format(phase.maxDuration))"
        }
    }
}

extension FaultSpec {
    /// `latency on api from 40s for 20s` and the like.
    public var summary: String {
        let window = "from \(format(at))" + (duration.map { " for \(format($0))" } ?? "")
        switch action {
        case .toxic(let proxy, let toxic): return "\(toxic.type) on \(proxy) (\(toxic.stream.rawValue)) \(window)"
        case .down(let proxy): return "\(proxy) down \(window)"
        case .cpu(let cpu):
            return "CPU \(cpu.percent.formatted())% on \(cpu.cores.map { "\($0)" } ?? "all") cores \(window)"
        case .memory(.bytes(let bytes)): return "memory \(bytes.formatted()) bytes \(window)"
        case .memory(.percent(let percent)): return "memory \(percent.formatted())% of available \(window)"
        case .process(let name, .pause): return "\(name) paused \(window)"
        case .process(let name, .kill(let restartAfter)):
            let restart = restartAfter.map { ", restarted after \(format($0))" } ?? ", not restarted"
            return "\(name) killed at \(format(at))\(restart)"
        case .process(let name, .signal(let signal)): return "SIG\(signal) to \(name) at \(format(at))"
        }
    }
}

private func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : pluralForm ?? singular + "s")"
}

private func rate(_ rate: Rate) -> String {
    "\(rate.perSecond.formatted())/s"
}

/// `90s`, `1m30s`, `250ms`: the shortest literal for a duration, as scenario files write them.
func format(_ duration: Duration) -> String {
    let milliseconds = Int64(duration.inMilliseconds.rounded())
    if milliseconds < 1000 { return "\(milliseconds)ms" }
    guard milliseconds % 1000 == 0 else { return "\(Double(milliseconds) / 1000)s" }
    let seconds = milliseconds / 1000
    let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
    var text = ""
    if hours > 0 { text += "\(hours)h" }
    if minutes > 0 { text += "\(minutes)m" }
    if rest > 0 || text.isEmpty { text += "\(rest)s" }
    return text
}
