import Foundation

/// The payments dependency: where the gateway is, how calls are retried, when the circuit opens.
public struct PaymentsSettings: Sendable, Equatable {
    /// The gateway's base URL (`http://host:port` or `https://host:port`); nil turns payments off: orders are
    /// accepted without a charge.
    public var url: String?
    /// CAs and the client certificate for an `https://` gateway (mutual TLS when a certificate is set).
    public var tls: PaymentsTLSSettings
    /// Attempts, backoff, per-attempt timeout and overall deadline of each payments call.
    public var retry: RetryPolicy
    /// When the circuit opens and how long it stays open.
    public var breaker: CircuitBreakerSettings

    public init(
        url: String? = nil,
        tls: PaymentsTLSSettings = PaymentsTLSSettings(),
        retry: RetryPolicy = RetryPolicy(),
        breaker: CircuitBreakerSettings = .init()
    ) {
        self.url = url
        self.tls = tls
        self.retry = retry
        self.breaker = breaker
    }

    /// The scheme, host and port of `url`, nil when it is not `http://host:port` or `https://host:port`.
    var endpoint: (isSecure: Bool, host: String, port: Int)? {
        guard let url, let components = URLComponents(string: url),
            let scheme = components.scheme, scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/",
            components.query == nil
        else { return nil }
        let isSecure = scheme == "https"
        return (isSecure, host, components.port ?? (isSecure ? 443 : 80))
    }

    func problems() -> [String] {
        var problems: [String] = []
        if let url, endpoint == nil {
            problems.append("payments.url: expected http://host:port or https://host:port, got '\(url)'")
        }
        problems += tls.problems(scheme: endpoint.map { $0.isSecure ? "https" : "http" })
        if retry.maxAttempts < 1 {
            problems.append("payments.maxAttempts: expected at least 1, got \(retry.maxAttempts)")
        }
        if retry.attemptTimeout <= .zero { problems.append("payments.timeoutMs: expected a positive number") }
        if retry.deadline <= .zero { problems.append("payments.deadlineMs: expected a positive number") }
        if retry.baseDelay < .zero || retry.maxDelay < retry.baseDelay {
            problems.append("payments.backoffMs and payments.maxBackoffMs: expected 0 ≤ backoff ≤ max backoff")
        }
        if breaker.failureThreshold < 1 {
            problems.append("payments.breaker.failures: expected at least 1, got \(breaker.failureThreshold)")
        }
        if breaker.resetTimeout <= .zero { problems.append("payments.breaker.resetMs: expected a positive number") }
        return problems
    }
}
