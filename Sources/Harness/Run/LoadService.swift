import Basics
import LoadGenerator
import NIOCore
import ServiceLifecycle
import Synchronization

/// The load generator as a service of the run's group: it feeds each second to the ``LiveFeed`` and stops early on a
/// graceful shutdown, a cancellation (Ctrl-C) or a failed abort-on-fail SLO. Its end ends the group.
final class LoadService: Service, Sendable {
    private let generator: LoadGenerator
    private let clock: RunClock
    private let feed: LiveFeed
    private let ran = Mutex<GeneratorOutline?>(nil)

    init(plan: LoadPlan, clock: RunClock, feed: LiveFeed) {
        generator = LoadGenerator(plan: plan, loopCount: plan.loops ?? System.coreCount)
        self.clock = clock
        self.feed = feed
    }

    /// When each phase ran, once the load is over; nil when it never started.
    var outline: GeneratorOutline? { ran.withLock { $0 } }

    func run() async throws {
        let generator = self.generator
        let clock = self.clock
        let feed = self.feed
        let outline = try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: GeneratorOutline?.self) { group in
                group.addTask { try await generator.run(clock: clock) { feed.add($0) } }
                group.addTask {
                    await feed.abortRequested()
                    return nil
                }
                // Whichever ends first, the load or an abort, the other is stopped; the load still hands back its
                // outline after being stopped.
                var outline: GeneratorOutline?
                while let ended = try await group.next() {
                    group.cancelAll()
                    if let ended { outline = ended }
                }
                return outline
            }
        }
        ran.withLock { $0 = outline }
    }
}
