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

/// A small fast generator (SplitMix64) each event loop owns, so random draws never touch a shared lock.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
