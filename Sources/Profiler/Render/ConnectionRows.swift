/// The connections table's rows as plain text, shared by the HTML page and the Markdown summary, which escape them.
///
/// One row per request name that opened a connection or failed a TLS handshake, then all requests together;
/// every number comes from the model, nothing is computed here but the layout.
struct ConnectionRow {
    static let headers = [
        "Request", "Protocols", "Opened", "Connect p50", "Connect p99", "TLS handshake p50", "TLS handshake p99",
        "TLS failures",
    ]

    var name: String
    var isOverall: Bool
    var protocols: String
    var opened: String
    var connectP50: String
    var connectP99: String
    var handshakeP50: String
    var handshakeP99: String
    var failures: String

    /// The rows of a report; empty when no request opened a connection (reports of older builds, for example).
    static func rows(_ report: Report) -> [ConnectionRow] {
        let rows = report.requests.compactMap { summary in summary.connections.map { row(summary.name, $0) } }
        guard !rows.isEmpty else { return [] }
        guard let overall = report.overall.connections else { return rows }
        return rows + [row(RequestSummary.overallName, overall)]
    }

    private static func row(_ name: String, _ connections: ConnectionSummary) -> ConnectionRow {
        let known = ConnectionProtocol.allCases.map(\.rawValue)
        let order = known + connections.protocols.keys.filter { !known.contains($0) }.sorted()
        let protocols = order.compactMap { key in connections.protocols[key].map { "\(key)×\(Format.count($0))" } }
        let failures = connections.tlsFailureExplanations.map { "\($0.explanation): \(Format.count($0.count))" }
        let connected = connections.opened > 0
        return ConnectionRow(
            name: name,
            isOverall: name == RequestSummary.overallName,
            protocols: protocols.isEmpty ? "–" : protocols.joined(separator: " "),
            opened: Format.count(connections.opened),
            connectP50: connected ? Format.latency(connections.connectTime.p50) : "–",
            connectP99: connected ? Format.latency(connections.connectTime.p99) : "–",
            handshakeP50: connections.tlsHandshakeTime.map { Format.latency($0.p50) } ?? "–",
            handshakeP99: connections.tlsHandshakeTime.map { Format.latency($0.p99) } ?? "–",
            failures: failures.isEmpty ? "–" : failures.joined(separator: "; ")
        )
    }

    /// The cells after the name, in the order of ``headers``.
    var values: [String] {
        [protocols, opened, connectP50, connectP99, handshakeP50, handshakeP99, failures]
    }
}

extension RunMetadata {
    /// The warning every report shows for a run that did not check the target's TLS certificates.
    static let insecureTLSWarning = "TLS certificates were not verified (insecure)"
}
