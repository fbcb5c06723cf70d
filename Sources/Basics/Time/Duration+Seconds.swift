extension Duration {
    /// The duration in seconds, as a floating-point number (schedules, rates, reports).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// A duration from seconds, rounded to the nanosecond.
    public static func seconds(exactly seconds: Double) -> Duration {
        .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// The duration in whole nanoseconds, clamped to what an `Int64` holds (for NIO's `TimeAmount`).
    public var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        guard seconds < Int64.max / 1_000_000_000 else { return .max }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
