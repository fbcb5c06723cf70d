import Foundation
import NIOCore
import NIOHTTP1

/// Why a payment call did not succeed, in the terms the order saga acts on.
enum PaymentError: Error, Equatable {
    /// The circuit is open: no call was sent, so nothing can have been charged.
    case circuitOpen
    /// No attempt succeeded within the attempts and the deadline; `sent` when a request reached the gateway,
    /// so that a charge may have happened.
    case unavailable(String, sent: Bool)
    /// The gateway answered with a refusal (4xx) that retrying cannot change.
    case declined(Int)
}

/// Charges and refunds through the payments gateway, behind a circuit breaker, retrying transient failures.
///
/// Every call is idempotent on the gateway by order id, so a retry, or a resumed saga, never charges twice.
struct PaymentsClient: Sendable {
    let http: PaymentsTransport
    let breaker: CircuitBreaker
    let retry: RetryPolicy
    let metrics: ServiceMetrics

    /// Charges `amountCents` for `orderID`; the same order id charges once however often it is called.
    func charge(orderID: String, amountCents: Int) async throws(PaymentError) {
        let body = #"{"orderId":"\#(orderID)","amountCents":\#(amountCents)}"#
        try await call(.POST, "/payments", body: ByteBuffer(string: body), operation: "charge")
    }

    /// Refunds whatever was charged for `orderID`; refunding an order never charged succeeds and does nothing.
    func refund(orderID: String) async throws(PaymentError) {
        try await call(.POST, "/payments/\(orderID)/refund", body: nil, operation: "refund")
    }

    /// The gateway's whole ledger (`GET /payments`), for the integrity check; one attempt, no breaker.
    func ledger() async throws -> [PaymentsLedger.Entry] {
        let response = try await http.send(.GET, "/payments", json: nil, timeout: retry.deadline)
        guard response.status == 200 else {
            throw PaymentError.unavailable("GET /payments answered \(response.status)", sent: false)
        }
        return try JSONDecoder().decode([PaymentsLedger.Entry].self, from: Data(response.body.readableBytesView))
    }

    private func call(_ method: HTTPMethod, _ path: String, body: ByteBuffer?, operation: String)
        async throws(PaymentError)
    {
        let start = ContinuousClock.now
        var lastProblem = "no attempt"
        var sent = false
        for attempt in 1...max(retry.maxAttempts, 1) {
            if attempt > 1 {
                let wait = retry.delay(beforeAttempt: attempt)
                guard ContinuousClock.now - start + wait < retry.deadline else { break }
                try? await Task.sleep(for: wait)
            }
            let remaining = retry.deadline - (ContinuousClock.now - start)
            guard remaining > .zero else { break }
            guard breaker.permit() else {
                metrics.recordPaymentCall(operation, outcome: "rejected")
                throw attempt == 1
                    ? PaymentError.circuitOpen
                    : PaymentError.unavailable(lastProblem + "; then the circuit opened", sent: sent)
            }
            let response: PaymentsResponse
            do {
                response = try await http.send(
                    method,
                    path,
                    json: body,
                    timeout: min(retry.attemptTimeout, remaining)
                )
            } catch {
                // A request never written cannot have charged; one written may have, even without an answer.
                sent = sent || error.sent
                lastProblem = error.description
                breaker.recordFailure()
                metrics.recordPaymentCall(operation, outcome: "failure")
                continue
            }
            if (200..<300).contains(response.status) {
                breaker.recordSuccess()
                metrics.recordPaymentCall(operation, outcome: "success")
                return
            }
            if (400..<500).contains(response.status) && response.status != 429 {
                // A refusal is an answer: the dependency is healthy.
                breaker.recordSuccess()
                metrics.recordPaymentCall(operation, outcome: "declined")
                throw PaymentError.declined(response.status)
            }
            lastProblem = "HTTP \(response.status)"
            sent = true
            breaker.recordFailure()
            metrics.recordPaymentCall(operation, outcome: "failure")
        }
        throw PaymentError.unavailable(lastProblem, sent: sent)
    }
}
