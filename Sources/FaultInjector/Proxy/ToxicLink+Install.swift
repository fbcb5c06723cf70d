import Basics
import NIOCore

extension ToxicLink {
    /// Replaces the chain with `specs` (this direction's toxics, in order), mid-connection.
    ///
    /// A toxic whose name and revision are unchanged keeps its state and its toxicity draw; a new or updated one
    /// draws its toxicity for this connection and runs its `start`. Removed toxics lose their pending start timers
    /// (a timeout that has not fired yet never fires).
    func install(_ specs: [ToxicSpec]) {
        var kept: [String: Stage] = [:]
        for stage in stages { kept[stage.name] = stage }
        var next: [Stage] = []
        next.reserveCapacity(specs.count)
        for spec in specs {
            if let old = kept.removeValue(forKey: spec.name), old.revision == spec.revision {
                next.append(old)
            } else {
                kept[spec.name]?.timers.forEach { $0.cancel() }
                next.append(
                    Stage(name: spec.name, revision: spec.revision, toxic: spec.toxic, active: draw(spec.toxicity))
                )
            }
        }
        for old in kept.values { old.timers.forEach { $0.cancel() } }
        stages = next
        startNewStages()
    }

    private func draw(_ toxicity: Double) -> Bool {
        toxicity >= 1 || Double.random(in: 0..<1, using: &random) < toxicity
    }

    /// Runs `start` of each active stage that has not started yet; its emissions fire on their own timers, which the
    /// stage owns and cancels when it is removed.
    private func startNewStages() {
        let now = ContinuousClock.now
        for index in stages.indices where stages[index].active && !stages[index].started {
            stages[index].started = true
            for emission in stages[index].toxic.start(at: now) {
                let wait = emission.instant - now
                let task = eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(max(0, wait.nanosecondsClamped))) {
                    [self] in
                    perform(emission)
                    output.flush()
                }
                stages[index].timers.append(task)
            }
        }
    }
}
