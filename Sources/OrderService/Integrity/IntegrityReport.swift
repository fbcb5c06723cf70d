import Foundation

/// The verdict of the data-integrity check: every confirmed order charged exactly once in the ledger, stock plus
/// held quantities equal to the seeded stock, no saga left unfinished. `order-service verify` prints it and
/// `GET /api/v1/admin/integrity` returns it.
struct IntegrityReport: Sendable, Codable, Equatable {
    /// True when no problem was found.
    let consistent: Bool
    /// How many orders were checked.
    let orders: Int
    /// Whether the payments ledger was compared (only when payments are configured).
    let ledgerChecked: Bool
    /// What is inconsistent, one sentence each naming the order or product.
    let problems: [String]

    /// Checks `snapshot` against the seeded catalogue and, when given, the gateway's ledger.
    ///
    /// - Parameters:
    ///   - now: ms since 1970; an unfinished saga whose lease runs out before `now` is a problem. A live check
    ///     passes the current time (sagas in flight on live instances are fine); an offline check `Int64.max`.
    init(_ snapshot: IntegritySnapshot, ledger: [PaymentsLedger.Entry]?, now: Int64) {
        var problems: [String] = []
        for (product, stock) in snapshot.stock.sorted(by: { $0.key < $1.key }) {
            let held = snapshot.held[product, default: 0]
            if stock + held != ProductCatalogue.initialStock {
                problems.append(
                    "product \(product): stock \(stock) + held \(held) = \(stock + held), "
                        + "seeded \(ProductCatalogue.initialStock)"
                )
            }
        }
        for (order, leaseEnd) in snapshot.unfinished.sorted(by: { $0.key < $1.key }) where leaseEnd < now {
            problems.append("order \(order): saga unfinished and no instance holds it")
        }
        if let ledger {
            let entries = Dictionary(ledger.map { ($0.orderId, $0) }, uniquingKeysWith: { first, _ in first })
            for (order, total) in snapshot.confirmed.sorted(by: { $0.key < $1.key }) {
                guard let entry = entries[order], entry.timesCharged > 0 else {
                    problems.append("order \(order): confirmed but never charged")
                    continue
                }
                if entry.timesCharged != 1 { problems.append("order \(order): charged \(entry.timesCharged) times") }
                if entry.refunded { problems.append("order \(order): confirmed but refunded") }
                if entry.amountCents != total {
                    problems.append("order \(order): charged \(entry.amountCents) cents for a total of \(total)")
                }
            }
            for order in snapshot.failed.sorted() {
                if let entry = entries[order], entry.timesCharged > 0, !entry.refunded {
                    problems.append("order \(order): failed but charged and not refunded")
                }
            }
        }
        consistent = problems.isEmpty
        orders = snapshot.orderCount
        ledgerChecked = ledger != nil
        self.problems = problems
    }
}
