import Foundation

/// Runs the integrity check: a snapshot of the database, then the payments ledger (read after the snapshot, so a
/// charge recorded before a confirmation is always seen).
struct IntegrityCheck: Sendable {
    let repository: any IntegrityRepository
    let payments: PaymentsClient?
    let lease: Duration

    /// The report; `live` tolerates the sagas that live instances are running (lease not run out).
    func run(live: Bool) async throws -> IntegrityReport {
        let snapshot = try await repository.snapshot(lease: lease)
        let ledger = try await payments?.ledger()
        let now = live ? Int64(Date().timeIntervalSince1970 * 1000) : Int64.max
        return IntegrityReport(snapshot, ledger: ledger, now: now)
    }
}
