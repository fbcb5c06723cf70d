import Basics
import Foundation

/// Runs the integrity check: a snapshot of the database, then the payments ledger (read after the snapshot, so a
/// charge recorded before a confirmation is always seen).
struct IntegrityCheck: Sendable {
    let repository: any IntegrityRepository
    let payments: PaymentsClient?
    let lease: Duration
    /// How long after its lease ran out a saga may wait for a takeover before it counts as abandoned: two
    /// takeover rounds and a second.
    var takeoverGrace: Duration = .seconds(3)

    /// The report; `live` tolerates the sagas that live instances are running (lease not run out) or are about to
    /// take over (within `takeoverGrace`).
    func run(live: Bool) async throws -> IntegrityReport {
        let snapshot = try await repository.snapshot(lease: lease)
        let ledger = try await payments?.ledger()
        let grace = takeoverGrace.nanosecondsClamped / 1_000_000
        let now = live ? Int64(Date().timeIntervalSince1970 * 1000) - grace : Int64.max
        return IntegrityReport(snapshot, ledger: ledger, now: now)
    }
}
