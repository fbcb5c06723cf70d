/// How a long run changed from its start to its end: each target process's resident memory and the per-second
/// p99 response time, as a least-squares slope and as the means of the first and the last tenth of the run.
///
/// A soak run asks "does anything grow?"; the slope answers it per hour, and the first and last tenths show
/// whether the growth is real or one warm-up step (a cache filling, a JIT, a pool growing once).
public struct Drift: Codable, Sendable, Equatable {
    /// One value's trend over the run.
    public struct Trend: Codable, Sendable, Equatable {
        /// Mean over the first tenth of the run.
        public var first: Double
        /// Mean over the last tenth of the run.
        public var last: Double
        /// Least-squares slope, in the value's unit per hour.
        public var perHour: Double
        /// How many per-second points the trend is made of.
        public var points: Int

        public init(first: Double, last: Double, perHour: Double, points: Int) {
            self.first = first
            self.last = last
            self.perHour = perHour
            self.points = points
        }
    }

    /// Resident memory of one target process, in bytes.
    public struct Memory: Codable, Sendable, Equatable {
        public var process: String
        public var rssBytes: Trend

        public init(process: String, rssBytes: Trend) {
            self.process = process
            self.rssBytes = rssBytes
        }
    }

    /// The run's length the trends cover, in seconds.
    public var seconds: Double
    /// Per target process, in the order the samples name them.
    public var memory: [Memory]
    /// The p99 response time of every second with requests, in microseconds; nil without enough such seconds.
    public var p99Microseconds: Trend?

    public init(seconds: Double, memory: [Memory], p99Microseconds: Trend?) {
        self.seconds = seconds
        self.memory = memory
        self.p99Microseconds = p99Microseconds
    }
}
