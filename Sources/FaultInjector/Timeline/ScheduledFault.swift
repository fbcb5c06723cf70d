import Basics
import Foundation

/// A fault on the run's timeline: what to do, when to start it, how long to keep it.
public struct ScheduledFault: Sendable {
    /// What the fault does while it is on.
    public enum Action: Sendable {
        /// Install a toxic on a proxy, removed at the end of the window.
        case toxic(proxy: String, ToxicSpec)
        /// Take a proxy down (`enabled: false`), back up at the end of the window.
        case down(proxy: String)
        /// Burn CPU for the window.
        case cpu(CPUPressure)
        /// Hold resident memory for the window.
        case memory(MemoryPressure)
        /// Pause, kill (and restart) or signal a process the target started.
        case process(name: String, ProcessFault)
    }

    /// A label for the report, such as `latency on payments`.
    public var label: String
    /// Start, from the start of the timeline.
    public var offset: Duration
    /// How long the fault stays on; nil for a fault without a length (a signal, or a kill that is never restarted).
    public var duration: Duration?
    public var action: Action

    public init(label: String? = nil, offset: Duration, duration: Duration?, action: Action) {
        self.label = label ?? action.summary
        self.offset = offset
        self.duration = duration
        self.action = action
    }
}

extension ScheduledFault.Action {
    /// A short human description.
    public var summary: String {
        switch self {
        case .toxic(let proxy, let spec): "\(spec.typeName) on \(proxy)"
        case .down(let proxy): "\(proxy) down"
        case .cpu(let pressure): "cpu \(pressure.percent)% on \(pressure.cores) cores"
        case .memory(let pressure): "memory \(pressure.size)"
        case .process(let name, .pause): "\(name) paused"
        case .process(let name, .kill(restartAfter: nil)): "\(name) killed"
        case .process(let name, .kill(let delay?)): "\(name) killed, restarted after \(delay.inSeconds.formatted())s"
        case .process(let name, .signal(let signal)): "SIG\(signal.rawValue) to \(name)"
        }
    }
}
