import Basics
import LoadGenerator
import Profiler
import Synchronization
import TestSupport
import Testing

/// What the generator publishes each second: spans on the run's clock with no gap, and the gauges a live view shows.
@Suite(.timeLimit(.minutes(2))) struct PublishedSecondsTests {
    @Test func secondsTileTheRunOnItsClockAndCarryTheGauges() async throws {
        var behavior = TestServerBehavior()
        behavior.delay = .milliseconds(400)
        let server = try await TestServer.start(behavior)
        let phase = PlannedPhase(
            name: "users",
            load: .virtualUsers(.constant(users: 6, duration: .milliseconds(2_600)))
        )
        let plan = try Plans.single(server, phases: [phase])
        let seconds = Mutex<[GeneratedSecond]>([])
        let clock = RunClock()
        let outline = try await EngineGate.exclusive {
            try await LoadGenerator(plan: plan, loopCount: 2).run(clock: clock) { second in
                seconds.withLock { $0.append(second) }
            }
        }
        await server.stop()
        let published = seconds.withLock { $0 }
        try #require(published.count >= 3)
        let spans = published.map(\.recording)
        #expect(spans.first?.start == .zero)
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.end == $1.start }, "\(spans.map { ($0.start, $0.end) })")
        // The whole seconds are cut at whole seconds of the run's clock; only the phase's last piece is shorter.
        #expect(spans.dropLast().allSatisfy { $0.end.components.attoseconds == 0 })
        try #require(outline.phases.map(\.name) == ["users"])
        #expect(outline.phases[0].start == 0 && outline.phases[0].end == spans.last!.end.inSeconds)
        #expect(!outline.wasInterrupted)
        // Each user waits 400 ms for each answer: at a whole second some are inside an iteration, awaiting it.
        let midRun = spans.dropLast()
        #expect(
            midRun.contains { $0.activeUsers > 0 && $0.inFlight > 0 },
            "\(midRun.map { ($0.activeUsers, $0.inFlight) })"
        )
        #expect(midRun.allSatisfy { $0.activeUsers <= 6 && $0.inFlight <= $0.activeUsers })
        #expect(published.allSatisfy { $0.phase == "users" && $0.phaseIndex == 0 })
    }

    @Test func laterSpansReplaceTheGaugesAndOtherLoopsAddToThem() {
        var first = IntervalRecording(requestNames: ["a"], start: .zero, end: .seconds(1))
        first.activeUsers = 3
        first.inFlight = 2
        var otherLoop = first
        otherLoop.activeUsers = 1
        otherLoop.inFlight = 1
        var merged = first
        merged.add(otherLoop)
        #expect(merged.activeUsers == 4 && merged.inFlight == 3)
        var later = IntervalRecording(requestNames: ["a"], start: .seconds(1), end: .seconds(2))
        later.activeUsers = 1
        merged.add(later)
        #expect(merged.activeUsers == 1 && merged.inFlight == 0)
    }
}
