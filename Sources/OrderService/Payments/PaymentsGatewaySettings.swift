/// How the fake payments gateway misbehaves: added latency and a share of charges answered 503.
public struct PaymentsGatewaySettings: Sendable, Equatable {
    /// Delay added to every answer.
    public var latency: Duration
    /// The fraction (0...1) of charge calls answered 503 without charging.
    public var failureRate: Double

    public init(latency: Duration = .zero, failureRate: Double = 0) {
        self.latency = latency
        self.failureRate = failureRate
    }

    /// Every problem with these settings, naming the flag; empty when they are valid.
    public func problems() -> [String] {
        var problems: [String] = []
        if latency < .zero { problems.append("latency: must not be negative") }
        if !(0...1).contains(failureRate) { problems.append("failure rate: expected 0...1, got \(failureRate)") }
        return problems
    }
}
