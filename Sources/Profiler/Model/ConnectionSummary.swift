import Histogram

/// The connections one request name (or all requests) opened over a span, and its failed TLS handshakes.
///
/// In ``RequestSummary/connections``, present only when a connection was opened or a handshake failed, so reports
/// of runs without this (and older reports) read the same. Latencies are in microseconds.
public struct ConnectionSummary: Codable, Sendable, Equatable {
    /// Connections opened, all protocols together.
    public var opened: UInt64
    /// Connections opened by ``ConnectionProtocol`` raw value (`"h2"`); only protocols that were used.
    public var protocols: [String: UInt64]
    /// TCP connect time, per connection opened.
    public var connectTime: LatencySummary
    /// TLS handshake time, per TLS connection opened; absent when no TLS connection was opened.
    public var tlsHandshakeTime: LatencySummary?
    /// Failed TLS handshakes by ``TLSFailureReason`` raw value (`"unknown-ca"`); only reasons that occurred.
    public var tlsFailures: [String: UInt64]

    /// The summary of an aggregate, or nil when it opened no connection and had no TLS failure.
    init?(_ aggregate: RequestAggregate) {
        let opened = aggregate.connectionCounts.values.reduce(0, +)
        guard opened > 0 || !aggregate.tlsFailureCounts.isEmpty else { return nil }
        self.opened = opened
        protocols = aggregate.connectionCounts
        connectTime = LatencySummary(aggregate.connectTime)
        let openedTLS = aggregate.connectionCounts.contains { ConnectionProtocol(rawValue: $0.key)?.usesTLS == true }
        tlsHandshakeTime =
            openedTLS || aggregate.tlsHandshakeTime.totalCount > 0 ? LatencySummary(aggregate.tlsHandshakeTime) : nil
        tlsFailures = aggregate.tlsFailureCounts
    }

    /// The failed handshakes with their reasons in plain English (``TLSFailureReason/explanation``), most frequent
    /// first; a reason this build does not know is shown as written.
    public var tlsFailureExplanations: [(explanation: String, count: UInt64)] {
        tlsFailures.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
            (TLSFailureReason(rawValue: $0.key)?.explanation ?? $0.key, $0.value)
        }
    }
}
