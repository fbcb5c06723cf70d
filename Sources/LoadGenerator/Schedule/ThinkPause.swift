import Basics

/// A pause between steps: fixed, or drawn uniformly from a range each time.
public struct ThinkPause: Sendable, Equatable {
    public var minimum: Duration
    public var maximum: Duration

    public init(_ fixed: Duration) {
        minimum = fixed
        maximum = fixed
    }

    public init(from minimum: Duration, to maximum: Duration) {
        self.minimum = min(minimum, maximum)
        self.maximum = max(minimum, maximum)
    }

    /// One pause, drawn with the caller's generator (each event loop owns one, so drawing takes no lock).
    func draw(using generator: inout some RandomNumberGenerator) -> Duration {
        guard maximum > minimum else { return minimum }
        let span = (maximum - minimum).inSeconds
        return minimum + .seconds(exactly: Double.random(in: 0...span, using: &generator))
    }
}
