import Histogram

/// Everything measured for one request name over some span: counts, status codes, errors, bytes and two latency views.
///
/// `responseTime` is measured from the moment the request was *meant* to start (coordinated-omission correct in
/// open-model phases); `serviceTime` from the moment its bytes were written. In closed-model phases the two are the
/// same measurement. Latencies are in microseconds. The type is a value with fixed-size storage, so recording never
/// allocates; two of them add losslessly. Connections opened for the request (and TLS handshakes that failed) are
/// counted here too, with their connect and handshake times; a histogram never recorded into costs nothing, since it
/// shares the one empty latency histogram until then.
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
    /// Time to set up the TCP connection, per connection opened.
    public var connectTime: LatencyHistogram
    /// Time of the TLS handshake after the TCP connect, per TLS connection opened.
    public var tlsHandshakeTime: LatencyHistogram
    /// Connections opened, indexed by ``ConnectionProtocol/index``; see ``connections(using:)``.
    public private(set) var connectionsByProtocol: [UInt64]
    /// Failed TLS handshakes, indexed by ``TLSFailureReason/index``; see ``count(of:)``.
    public private(set) var tlsFailureCounts: [UInt64]

    public init() {
        responseTime = .latency()
        serviceTime = .latency()
        statusCounts = Array(repeating: 0, count: 600)
        errorCounts = Array(repeating: 0, count: ErrorKind.allCases.count)
        connectTime = .latency()
        tlsHandshakeTime = .latency()
        connectionsByProtocol = Array(repeating: 0, count: ConnectionProtocol.allCases.count)
        tlsFailureCounts = Array(repeating: 0, count: TLSFailureReason.allCases.count)
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

    /// Connections opened, whatever their protocol.
    public var connectionsOpened: UInt64 { connectionsByProtocol.reduce(0, +) }

    public func connections(using connectionProtocol: ConnectionProtocol) -> UInt64 {
        connectionsByProtocol[connectionProtocol.index]
    }

    public func count(of reason: TLSFailureReason) -> UInt64 { tlsFailureCounts[reason.index] }

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

    /// Records a connection opened for this request: its TCP connect time and, over TLS, its handshake time.
    public mutating func recordConnection(
        _ protocol: ConnectionProtocol,
        connectMicroseconds: UInt64,
        tlsHandshakeMicroseconds: UInt64?
    ) {
        connectionsByProtocol[`protocol`.index] &+= 1
        connectTime.recordLatency(microseconds: connectMicroseconds)
        if let tlsHandshakeMicroseconds { tlsHandshakeTime.recordLatency(microseconds: tlsHandshakeMicroseconds) }
    }

    /// Records a failed TLS handshake: the reason, and the failed request under ``TLSFailureReason/errorKind``
    /// (without latency: the request never got to be sent).
    public mutating func recordTLSFailure(_ reason: TLSFailureReason) {
        tlsFailureCounts[reason.index] &+= 1
        errorCounts[reason.errorKind.index] &+= 1
    }

    /// Adds another span's statistics to this one, losslessly.
    public mutating func add(_ other: RequestStatistics) {
        responseTime.add(other.responseTime)
        serviceTime.add(other.serviceTime)
        for index in statusCounts.indices { statusCounts[index] &+= other.statusCounts[index] }
        for index in errorCounts.indices { errorCounts[index] &+= other.errorCounts[index] }
        bytesSent &+= other.bytesSent
        bytesReceived &+= other.bytesReceived
        // Connections are rare next to requests: most spans open none, and adding an empty histogram would still
        // copy this one's ~18 000 counts out of the shared empty buffer.
        if other.connectTime.totalCount > 0 { connectTime.add(other.connectTime) }
        if other.tlsHandshakeTime.totalCount > 0 { tlsHandshakeTime.add(other.tlsHandshakeTime) }
        for index in connectionsByProtocol.indices {
            connectionsByProtocol[index] &+= other.connectionsByProtocol[index]
        }
        for index in tlsFailureCounts.indices { tlsFailureCounts[index] &+= other.tlsFailureCounts[index] }
    }
}
