/// One span of a run (normally one second) as one event loop, or the merge of all loops, recorded it.
///
/// Request statistics are indexed by request number (the position of the step in the scenario's flow), not by
/// name, so recording needs no hashing; ``requestNames`` gives the names.
public struct IntervalRecording: Sendable, Equatable {
    /// The names of the requests, in request-number order.
    public let requestNames: [String]
    /// Offset of the span's start from the start of the run.
    public var start: Duration
    /// Offset of the span's end from the start of the run.
    public var end: Duration
    /// Statistics per request number.
    public var requests: [RequestStatistics]
    /// Iterations (whole flows) started, completed, and dropped because the in-flight cap was reached.
    public var iterationsStarted: UInt64 = 0
    public var iterationsCompleted: UInt64 = 0
    public var iterationsDropped: UInt64 = 0
    /// Gauges at the span's end: virtual users inside an iteration, and requests sent and not yet answered.
    public var activeUsers: UInt64 = 0
    public var inFlight: UInt64 = 0

    public init(requestNames: [String], start: Duration, end: Duration? = nil) {
        self.requestNames = requestNames
        self.start = start
        self.end = end ?? start
        self.requests = Array(repeating: RequestStatistics(), count: requestNames.count)
    }

    /// All requests together.
    public var overall: RequestStatistics {
        var total = RequestStatistics()
        for statistics in requests { total.add(statistics) }
        return total
    }

    /// Adds another recording of the same requests (another loop, or a later span), widening the span to cover both.
    ///
    /// The gauges of another loop's span add up; a later span's gauges replace this one's, being newer.
    public mutating func add(_ other: IntervalRecording) {
        precondition(other.requestNames == requestNames, "recordings of different flows cannot be added")
        for index in requests.indices { requests[index].add(other.requests[index]) }
        iterationsStarted &+= other.iterationsStarted
        iterationsCompleted &+= other.iterationsCompleted
        iterationsDropped &+= other.iterationsDropped
        if other.start >= end, other.end > end {
            activeUsers = other.activeUsers
            inFlight = other.inFlight
        } else {
            activeUsers &+= other.activeUsers
            inFlight &+= other.inFlight
        }
        start = min(start, other.start)
        end = max(end, other.end)
    }
}
