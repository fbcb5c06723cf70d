import Testing

@testable import OrderService

/// The integrity verdict from a snapshot and a ledger: each kind of inconsistency is named.
@Suite struct IntegrityReportTests {
    static func entry(_ id: String, cents: Int = 199, times: Int = 1, refunded: Bool = false) -> PaymentsLedger.Entry {
        PaymentsLedger.Entry(orderId: id, amountCents: cents, timesCharged: times, refunded: refunded)
    }

    static var healthy: IntegritySnapshot {
        var snapshot = IntegritySnapshot()
        snapshot.stock = ["p-1": ProductCatalogue.initialStock - 2, "p-2": ProductCatalogue.initialStock]
        snapshot.held = ["p-1": 2]
        snapshot.confirmed = ["a": 199, "b": 199]
        snapshot.failed = ["c"]
        snapshot.orderCount = 3
        return snapshot
    }

    @Test func aHealthySnapshotIsConsistent() {
        let report = IntegrityReport(
            Self.healthy,
            ledger: [Self.entry("a"), Self.entry("b"), Self.entry("c", refunded: true)],
            now: 0
        )
        #expect(report.consistent)
        #expect(report.problems.isEmpty)
        #expect(report.orders == 3 && report.ledgerChecked)
    }

    @Test func everyKindOfInconsistencyIsNamed() {
        var snapshot = Self.healthy
        snapshot.stock["p-2"] = ProductCatalogue.initialStock - 1
        snapshot.unfinished = ["d": 1_000, "e": 5_000]
        let report = IntegrityReport(
            snapshot,
            ledger: [Self.entry("a", times: 2), Self.entry("c", refunded: false)],
            now: 2_000
        )
        #expect(!report.consistent)
        #expect(
            report.problems == [
                "product p-2: stock 9999 + held 0 = 9999, seeded 10000",
                "order d: saga unfinished and no instance holds it",
                "order a: charged 2 times",
                "order b: confirmed but never charged",
                "order c: failed but charged and not refunded",
            ]
        )
    }

    @Test func withoutALedgerOnlyTheDatabaseIsChecked() {
        let report = IntegrityReport(Self.healthy, ledger: nil, now: .max)
        #expect(report.consistent && !report.ledgerChecked)
    }
}
