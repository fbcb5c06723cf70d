import Foundation

/// How sagas survive a dead instance: each saga is leased to the instance running it, and the other instances take
/// over the sagas whose lease ran out (PostgreSQL only; a SQLite file has one instance, which recovers at start).
public struct SagaSettings: Sendable, Equatable {
    /// How long a saga is leased from its creation, its takeover or its refund; more than two payments calls.
    /// Nil: twice the payments deadline plus 5 s.
    public var lease: Duration?
    /// How often an instance looks for sagas abandoned by a dead one.
    public var recoveryInterval: Duration

    public init(lease: Duration? = nil, recoveryInterval: Duration = .seconds(1)) {
        self.lease = lease
        self.recoveryInterval = recoveryInterval
    }

    /// The lease in force: the configured one, or one that a charge and then a refund always fit in.
    func lease(payments: PaymentsSettings) -> Duration {
        lease ?? payments.retry.deadline * 2 + .seconds(5)
    }

    func problems(payments: PaymentsSettings) -> [String] {
        var problems: [String] = []
        // A charge, then a refund, each up to the payments deadline, fit in one lease.
        if let lease, lease <= payments.retry.deadline * 2 {
            problems.append(
                "saga.leaseMs: must be more than twice payments.deadlineMs, or a live saga could be taken over"
            )
        }
        if recoveryInterval <= .zero { problems.append("saga.recoveryIntervalMs: expected a positive number") }
        return problems
    }
}

/// The lease this instance puts on the sagas it runs.
struct SagaLease: Sendable {
    /// This instance: host, process and a random part, unique among the instances sharing the database.
    let owner: String
    let duration: Duration

    init(duration: Duration) {
        owner = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(UUID().uuidString.prefix(8))"
        self.duration = duration
    }
}
