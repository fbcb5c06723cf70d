import Basics
import Foundation
import LoadGenerator
import Profiler
import Synchronization

/// Turns the generator's merged seconds into ``LiveSecond``s for the hub, and keeps what every second adds to: the
/// report's accumulator (the one aggregation of the run), the totals, and the running SLO verdicts that decide an
/// abort-on-fail (as k6's abortOnFail), without building a report per second.
final class LiveFeed: Sendable {
    private struct State {
        var accumulator: ReportAccumulator
        var slos: RunningSLOEvaluator
        var total = LiveSecond.Totals(requests: 0, responses: 0, errors: 0, iterationsDropped: 0)
        var abortReason: String?
    }

    /// The end a fault still on is given by ``faults``, far beyond any run.
    static let stillOn: Duration = .seconds(1_000_000_000)

    private let state: Mutex<State>
    let hub: LiveHub
    /// Yields once, when an abort-on-fail SLO fails.
    private let aborts: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    private let faults: @Sendable () -> [FaultWindow]
    private let resources: @Sendable () -> [ResourceSample]

    /// - Parameters:
    ///   - faults: the fault windows so far, a fault still on ending at ``stillOn``.
    ///   - resources: the target's resource samples so far.
    init(
        requestNames: [String],
        slos: [SLOExpression],
        hub: LiveHub,
        faults: @escaping @Sendable () -> [FaultWindow] = { [] },
        resources: @escaping @Sendable () -> [ResourceSample] = { [] }
    ) {
        state = Mutex(
            State(
                accumulator: ReportAccumulator(requestNames: requestNames),
                slos: RunningSLOEvaluator(expressions: slos, requestNames: requestNames)
            )
        )
        self.hub = hub
        self.faults = faults
        self.resources = resources
        aborts = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    var accumulator: ReportAccumulator { state.withLock { $0.accumulator } }
    var abortReason: String? { state.withLock { $0.abortReason } }

    /// Returns when an abort-on-fail SLO has failed, or when the calling task is cancelled; one caller at a time.
    func abortRequested() async {
        for await _ in aborts.stream { return }
    }

    /// Adds one second and publishes it.
    func add(_ generated: GeneratedSecond) {
        let recording = generated.recording
        let phase = generated.phase
        let windows = faults()
        let far = Self.stillOn.inSeconds
        var second = LiveSecond(phase: phase, recording: recording)
        var aborting = false
        second.faults = windows.filter(\.wasApplied).map {
            LiveSecond.Fault(description: $0.description, start: $0.start, end: $0.end >= far ? nil : $0.end)
        }
        second.resources = Self.latest(resources())
        state.withLock { state in
            state.accumulator.add(recording)
            state.slos.add(recording, phase: phase, faults: windows.filter(\.wasApplied))
            let overall = recording.overall
            state.total.requests += overall.requests
            state.total.responses += overall.responses
            state.total.errors += overall.errors
            state.total.iterationsDropped += recording.iterationsDropped
            second.total = state.total
            let verdicts = state.slos.verdicts
            second.slos = verdicts.map {
                LiveSecond.SLOState(expression: $0.expression, status: $0.status.rawValue, observed: $0.observed)
            }
            if state.abortReason == nil,
                let failed = verdicts.first(where: { $0.abortOnFail && $0.status == .failed })
            {
                let observed = failed.observed.map { " (observed \($0))" } ?? ""
                state.abortReason = "abort-on-fail SLO \"\(failed.expression)\" failed\(observed)"
                aborting = true
            }
        }
        hub.publish(second)
        if aborting { aborts.continuation.yield() }
    }

    /// Each process's newest sample.
    static func latest(_ samples: [ResourceSample]) -> [LiveSecond.Resource] {
        var newest: [String: ResourceSample] = [:]
        var order: [String] = []
        for sample in samples {
            if newest[sample.process] == nil { order.append(sample.process) }
            newest[sample.process] = sample
        }
        return order.compactMap { newest[$0] }.map {
            LiveSecond.Resource(process: $0.process, cpuPercent: $0.cpuPercent, rssBytes: $0.rssBytes)
        }
    }
}
