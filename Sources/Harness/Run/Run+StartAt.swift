import Basics
import Foundation
import LoadGenerator

extension Run {
    /// Refuses a `--start-at` instant so far in the past that the whole schedule would already be over, before
    /// anything is started: a value stamped for an earlier deployment, or a clock far off.
    public func checkStartAt(schedule: Duration, now: Date = Date()) throws(RunFailure) {
        guard let startAt = options.startAt else { return }
        let late = now.timeIntervalSince(startAt.date)
        guard late >= schedule.inSeconds else { return }
        throw RunFailure(
            .usage,
            "--start-at \(startAt) was \(Self.seconds(late)) ago, longer than the whole schedule "
                + "(\(Self.seconds(schedule.inSeconds))): nothing of it is left to run; stamp a new instant"
        )
    }

    /// Sleeps until the shared start; returns how late this generator is when the instant has already passed, so it
    /// joins the schedule where it stands.
    static func wait(for startAt: StartInstant, progress: @Sendable (String) -> Void) async -> Duration {
        let wait = startAt.date.timeIntervalSinceNow
        guard wait <= 0 else {
            progress("waiting \(seconds(wait)) for the shared start at \(startAt)")
            try? await Task.sleep(until: .now + .seconds(wait), clock: .continuous)
            return .zero
        }
        progress(
            "joining the shared start at \(startAt) \(seconds(-wait)) late: "
                + "the arrivals due before now count as dropped"
        )
        return .seconds(-wait)
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}
