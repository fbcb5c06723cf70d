import Foundation
import NIOCore

/// The one clock of a run: every part (generator, fault timeline, samplers) measures offsets from the same instant,
/// so latency slices, fault windows and samples line up by construction.
///
/// Offsets come from the monotonic clock NIO schedules on; the wall-clock instant of the origin is read once, so
/// reports can say when a run began without mixing a second clock into its measurements.
public struct RunClock: Sendable {
    /// The run's zero, on the monotonic clock.
    public let origin: NIODeadline
    /// The wall-clock instant of ``origin``.
    public let startedAt: Date

    /// A clock whose zero is now.
    public init() {
        self.init(origin: .now(), startedAt: Date())
    }

    public init(origin: NIODeadline, startedAt: Date) {
        self.origin = origin
        self.startedAt = startedAt
    }

    /// How far the run is now.
    public var elapsed: Duration { offset(of: .now()) }

    /// The offset of a monotonic instant from the run's zero (negative before it).
    public func offset(of instant: NIODeadline) -> Duration {
        .nanoseconds(Int64(bitPattern: instant.uptimeNanoseconds &- origin.uptimeNanoseconds))
    }

    /// The monotonic instant at an offset from the run's zero.
    public func instant(at offset: Duration) -> NIODeadline {
        origin + .nanoseconds(offset.nanosecondsClamped)
    }

    /// The wall-clock instant at an offset from the run's zero.
    public func wallClock(at offset: Duration) -> Date {
        startedAt.addingTimeInterval(offset.inSeconds)
    }

    /// Sleeps until the run reaches `offset`; returns at once when it already has.
    public func sleep(until offset: Duration) async throws {
        let remaining = offset - elapsed
        if remaining > .zero { try await Task.sleep(for: remaining) }
    }
}
