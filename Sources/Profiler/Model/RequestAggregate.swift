import Histogram

/// The additive core of request statistics, which the builder, the SLO windows and the merger all sum up.
struct RequestAggregate: Sendable {
    var responseTime = LatencyHistogram.latency()
    var serviceTime = LatencyHistogram.latency()
    var statusCounts: [Int: UInt64] = [:]
    var errorCounts: [String: UInt64] = [:]
    var bytesSent: UInt64 = 0
    var bytesReceived: UInt64 = 0
    /// Kept apart from the status and error counts because a failed check counts under both.
    var requests: UInt64 = 0
    var errors: UInt64 = 0
    var connectTime = LatencyHistogram.latency()
    var tlsHandshakeTime = LatencyHistogram.latency()
    /// Connections by ``ConnectionProtocol`` raw value, and failed TLS handshakes by ``TLSFailureReason`` raw value;
    /// kept as text so that a report of a newer build merges without losing what this one does not know.
    var connectionCounts: [String: UInt64] = [:]
    var tlsFailureCounts: [String: UInt64] = [:]

    init() {}

    init(_ statistics: RequestStatistics) {
        responseTime = statistics.responseTime
        serviceTime = statistics.serviceTime
        for (status, count) in statistics.statuses { statusCounts[status] = count }
        for kind in ErrorKind.allCases where statistics.count(of: kind) > 0 {
            errorCounts[kind.rawValue] = statistics.count(of: kind)
        }
        bytesSent = statistics.bytesSent
        bytesReceived = statistics.bytesReceived
        requests = statistics.requests
        errors = statistics.errors
        connectTime = statistics.connectTime
        tlsHandshakeTime = statistics.tlsHandshakeTime
        for used in ConnectionProtocol.allCases where statistics.connections(using: used) > 0 {
            connectionCounts[used.rawValue] = statistics.connections(using: used)
        }
        for reason in TLSFailureReason.allCases where statistics.count(of: reason) > 0 {
            tlsFailureCounts[reason.rawValue] = statistics.count(of: reason)
        }
    }

    /// Reads a summary back, decoding its histograms.
    init(_ summary: RequestSummary) throws(HistogramDecodingError) {
        responseTime = try summary.responseTime.decodedHistogram()
        serviceTime = try summary.serviceTime.decodedHistogram()
        for (status, count) in summary.statusCodes { statusCounts[Int(status) ?? 0, default: 0] += count }
        errorCounts = summary.errorKinds
        bytesSent = summary.bytesSent
        bytesReceived = summary.bytesReceived
        requests = summary.requests
        errors = summary.errors
        if let connections = summary.connections {
            connectTime = try connections.connectTime.decodedHistogram()
            if let handshakes = connections.tlsHandshakeTime { tlsHandshakeTime = try handshakes.decodedHistogram() }
            connectionCounts = connections.protocols
            tlsFailureCounts = connections.tlsFailures
        }
    }

    /// Reads a slice back: counts and response time only, which is what windows need.
    init(_ slice: SliceStatistics) throws(HistogramDecodingError) {
        responseTime = try HistogramEncoding.decode(slice.responseTime)
        requests = slice.requests
        errors = slice.errors
    }

    /// Adds another aggregate; per-second slices keep no service time and no connections, so they can skip adding
    /// those histograms.
    mutating func add(_ other: RequestAggregate, includingServiceTime: Bool = true) {
        responseTime.add(other.responseTime)
        if includingServiceTime {
            serviceTime.add(other.serviceTime)
            // Most spans open no connection; adding an empty histogram would still copy the shared empty one.
            if other.connectTime.totalCount > 0 { connectTime.add(other.connectTime) }
            if other.tlsHandshakeTime.totalCount > 0 { tlsHandshakeTime.add(other.tlsHandshakeTime) }
        }
        connectionCounts.merge(other.connectionCounts, uniquingKeysWith: +)
        tlsFailureCounts.merge(other.tlsFailureCounts, uniquingKeysWith: +)
        statusCounts.merge(other.statusCounts, uniquingKeysWith: +)
        errorCounts.merge(other.errorCounts, uniquingKeysWith: +)
        bytesSent += other.bytesSent
        bytesReceived += other.bytesReceived
        requests += other.requests
        errors += other.errors
    }
}
