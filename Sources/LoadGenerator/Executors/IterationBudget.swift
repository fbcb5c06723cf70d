import Synchronization

/// The iterations left in a `shared-iterations` phase, drawn by every loop's users without a lock (one atomic).
final class IterationBudget: Sendable {
    private let remaining: Atomic<Int>

    init(_ total: Int) {
        remaining = Atomic(total)
    }

    /// Takes one iteration; false once the budget is spent.
    func take() -> Bool {
        remaining.wrappingSubtract(1, ordering: .relaxed).oldValue > 0
    }
}
