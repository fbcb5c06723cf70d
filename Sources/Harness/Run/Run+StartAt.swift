import Basics
import Foundation
import LoadGenerator
import NIOCore

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

    /// The run's clock for a shared start: its zero is the instant itself when that is still ahead (the load waits
    /// for it), else now; and how far into the schedule the load joins when the instant has passed, so a late
    /// generator counts what it missed as dropped instead of shifting the schedule.
    static func clock(for startAt: StartInstant?, progress: @Sendable (String) -> Void) -> (RunClock, Duration) {
        guard let startAt else { return (RunClock(), .zero) }
        let ahead = startAt.date.timeIntervalSinceNow
        guard ahead <= 0 else {
            progress("waiting \(seconds(ahead)) for the shared start at \(startAt)")
            let origin = NIODeadline.now() + TimeAmount.nanoseconds(Int64(ahead * 1e9))
            return (RunClock(origin: origin, startedAt: startAt.date), .zero)
        }
        progress(
            "joining the shared start at \(startAt) \(seconds(-ahead)) late: "
                + "the arrivals due before now count as dropped"
        )
        return (RunClock(), .seconds(-ahead))
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}
