/// How a saga ended for the caller.
enum SagaOutcome: Sendable, Equatable {
    /// Charged and confirmed.
    case confirmed(Order)
    /// A step failed and the order was compensated (refunded if needed, stock released, status failed).
    case compensated(Order, SagaFailure)
    /// A step failed and the refund could not be made yet; the order stays `compensating` for recovery.
    case stuck(Order, SagaFailure)
}

/// Why a saga did not confirm.
enum SagaFailure: Error, Sendable, Equatable {
    /// The payments gateway did not take the charge.
    case payment(PaymentError)
    /// A fault-switch header failed a step on purpose.
    case injected(FaultSwitches.InjectedError)
}

/// The order saga: reserve stock (done when the order is stored as `pending`) → charge → confirm, with
/// compensations (refund, release stock) on failure.
///
///     pending ─▶ charging ─charge ok─▶ confirmed
///                   │
///                   └─charge failed─▶ compensating ─refund ok─▶ failed (stock released)
///
/// Each state is committed before the step it announces and after the step it records, so a process killed
/// anywhere leaves a state that `resume` can finish: charging is idempotent by order id, so resuming a
/// `charging` order charges at most once, and a refund of an order never charged blocks a late charge.
struct OrderSaga: Sendable {
    let orders: any OrderStore
    let payments: PaymentsClient
    let metrics: ServiceMetrics
    /// The lease this instance holds on the sagas it runs: from the order's creation (or its takeover), renewed
    /// before a refund, so a charge and a refund each fit in it.
    let lease: SagaLease

    /// Runs the saga of a freshly stored `pending` order to its end, with the faults its request asked for.
    func run(_ order: Order, faults: FaultSwitches = .none) async throws -> SagaOutcome {
        try await resume(order, recovered: false, faults: faults)
    }

    /// Finishes an order's saga from whatever state it was left in.
    func resume(_ order: Order, recovered: Bool, faults: FaultSwitches = .none) async throws -> SagaOutcome {
        let outcome: SagaOutcome
        switch order.status {
        case .pending, .charging:
            outcome = try await charge(order, faults: faults)
        case .compensating:
            outcome = try await refundAndRelease(
                order,
                cause: .payment(.unavailable("resumed after a restart", sent: true)),
                charged: true
            )
        case .created, .cancelled, .confirmed, .failed:
            return .confirmed(order)
        }
        metrics.recordSaga(outcome: outcome.name, recovered: recovered)
        return outcome
    }

    private func charge(_ order: Order, faults: FaultSwitches) async throws -> SagaOutcome {
        let wasSent = order.status == .charging
        _ = try await orders.transition(id: order.id, from: [.pending], to: .charging)
        do throws(FaultSwitches.InjectedError) {
            try await faults.apply(.chargePayment)
        } catch {
            _ = try await orders.transition(id: order.id, from: [.charging], to: .compensating)
            return try await refundAndRelease(order, cause: .injected(error), charged: wasSent)
        }
        do throws(PaymentError) {
            try await payments.charge(orderID: order.id, amountCents: order.totalCents)
        } catch {
            // Money can have moved only if this or an earlier run got a charge request to the gateway.
            let charged = wasSent || error.mayHaveCharged
            _ = try await orders.transition(id: order.id, from: [.charging], to: .compensating)
            return try await refundAndRelease(order, cause: .payment(error), charged: charged)
        }
        do throws(FaultSwitches.InjectedError) {
            try await faults.apply(.confirmOrder)
        } catch {
            _ = try await orders.transition(id: order.id, from: [.charging], to: .compensating)
            return try await refundAndRelease(order, cause: .injected(error), charged: true)
        }
        _ = try await orders.transition(id: order.id, from: [.charging], to: .confirmed)
        return .confirmed(try await orders.find(id: order.id) ?? order)
    }

    private func refundAndRelease(_ order: Order, cause: SagaFailure, charged: Bool) async throws -> SagaOutcome {
        try await orders.renewLease(id: order.id, owner: lease.owner, lease: lease.duration)
        if charged {
            do {
                try await payments.refund(orderID: order.id)
            } catch {
                return .stuck(try await orders.find(id: order.id) ?? order, cause)
            }
        }
        return .compensated(try await orders.compensate(id: order.id) ?? order, cause)
    }
}

extension PaymentError {
    /// Whether a charge call that ended in this error can have taken money.
    var mayHaveCharged: Bool {
        switch self {
        case .circuitOpen, .declined: false
        case .unavailable(_, let sent): sent
        }
    }
}

extension SagaOutcome {
    var name: String {
        switch self {
        case .confirmed: "confirmed"
        case .compensated: "compensated"
        case .stuck: "stuck"
        }
    }
}

extension OrderSaga {
    /// Resumes or compensates every unfinished saga; run at start-up on SQLite (one instance per file), before
    /// the server takes requests.
    func recoverUnfinished() async throws -> [SagaOutcome] {
        var outcomes: [SagaOutcome] = []
        for order in try await orders.unfinished() {
            outcomes.append(try await resume(order, recovered: true))
        }
        return outcomes
    }

    /// Takes over and finishes the sagas abandoned by dead instances (their lease ran out), until none is left.
    func recoverAbandoned() async throws -> [SagaOutcome] {
        var outcomes: [SagaOutcome] = []
        while true {
            let claimed = try await orders.claimAbandoned(owner: lease.owner, lease: lease.duration, limit: 20)
            if claimed.isEmpty { return outcomes }
            for order in claimed { outcomes.append(try await resume(order, recovered: true)) }
        }
    }
}
