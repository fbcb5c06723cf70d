import Histogram

/// Everything measured for one request name over some span: counts, status codes, errors, bytes and two latency views.
///
/// `responseTime` is measured from the moment the request was *meant* to start (coordinated-omission correct in
/// open-model phases); `serviceTime` from the moment its bytes were written. In closed-model phases the two are the
/// same measurement. Latencies are in microseconds. The type is a value with fixed-size storage, so recording never
/// allocates; two of them add losslessly.
public struct RequestStatistics: Sendable, Equatable {
    /// Latency from the intended start of the request to the end of its response.
    public var responseTime: LatencyHistogram
    /// Latency from the write of the request's first byte to the end of its response.
    public var serviceTime: LatencyHistogram
    /// Responses by HTTP status code (100...599); see ``count(ofStatus:)``.
    public private(set) var statusCounts: [UInt64]
    /// Failures by kind, indexed by ``ErrorKind/index``; see ``count(of:)``.
    public private(set) var errorCounts: [UInt64]
    /// Request bytes written, and response bytes read (headers and body).
    public var bytesSent: UInt64 = 0
    public var bytesReceived: UInt64 = 0

    public init() {
        responseTime = .latency()
        serviceTime = .latency()
        statusCounts = Array(repeating: 0, count: 600)
        errorCounts = Array(repeating: 0, count: ErrorKind.allCases.count)
    }

    /// Requests that ended, with a response or an error; a failed check is on a response already counted, so it
    /// adds an error but no request.
    public var requests: UInt64 { responses + errors - errorCounts[ErrorKind.checkFailed.index] }
    /// Requests that got a complete HTTP response (whatever its status).
    public var responses: UInt64 { statusCounts.reduce(0, +) }
    /// Requests that ended in an error of any kind (a failed check counts here as well as under its status).
    public var errors: UInt64 { errorCounts.reduce(0, +) }

    public func count(ofStatus status: Int) -> UInt64 {
        statusCounts.indices.contains(status) ? statusCounts[status] : 0
    }

    public func count(of kind: ErrorKind) -> UInt64 { errorCounts[kind.index] }

    /// Status codes that occurred, with their counts, in ascending order.
    public var statuses: [(status: Int, count: UInt64)] {
        statusCounts.indices.filter { statusCounts[$0] > 0 }.map { ($0, statusCounts[$0]) }
    }

    /// Records a complete response. Statuses outside 100...599 are counted as ``ErrorKind/malformedResponse``.
    public mutating func recordResponse(
        status: Int,
        responseTimeMicroseconds: UInt64,
        serviceTimeMicroseconds: UInt64,
        bytesSent sent: UInt64,
        bytesReceived received: UInt64
    ) {
        if (100..<600).contains(status) {
            statusCounts[status] &+= 1
        } else {
            errorCounts[ErrorKind.malformedResponse.index] &+= 1
        }
        responseTime.recordLatency(microseconds: responseTimeMicroseconds)
        serviceTime.recordLatency(microseconds: serviceTimeMicroseconds)
        bytesSent &+= sent
        bytesReceived &+= received
    }

    /// Records a failure. When the request did take time before failing (a timeout, a reset mid-response), pass
    /// its latencies so that the tail shows them: a timed-out request must not vanish from the percentiles.
    public mutating func recordError(
        _ kind: ErrorKind,
        responseTimeMicroseconds: UInt64? = nil,
        serviceTimeMicroseconds: UInt64? = nil
    ) {
        errorCounts[kind.index] &+= 1
        if let responseTimeMicroseconds { responseTime.recordLatency(microseconds: responseTimeMicroseconds) }
        if let serviceTimeMicroseconds { serviceTime.recordLatency(microseconds: serviceTimeMicroseconds) }
    }

    /// Records a failed check on a response that was already recorded with ``recordResponse``.
    public mutating func recordCheckFailure() {
        errorCounts[ErrorKind.checkFailed.index] &+= 1
    }

    /// Adds another span's statistics to this one, losslessly.
    public mutating func add(_ other: RequestStatistics) {
        responseTime.add(other.responseTime)
        serviceTime.add(other.serviceTime)
        for index in statusCounts.indices { statusCounts[index] &+= other.statusCounts[index] }
        for index in errorCounts.indices { errorCounts[index] &+= other.errorCounts[index] }
        bytesSent &+= other.bytesSent
        bytesReceived &+= other.bytesReceived
    }
}
