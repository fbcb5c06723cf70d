/// The data the integrity check needs, read in one consistent snapshot of the database.
struct IntegritySnapshot: Sendable, Equatable {
    /// Each product's stock now.
    var stock: [String: Int] = [:]
    /// Per product, the quantity held by orders that still hold stock (neither cancelled nor failed).
    var held: [String: Int] = [:]
    /// Confirmed orders and their totals.
    var confirmed: [String: Int] = [:]
    /// Orders whose saga failed (compensated).
    var failed: Set<String> = []
    /// Unfinished sagas and when their lease runs out (ms since 1970; creation + lease when never leased).
    var unfinished: [String: Int64] = [:]
    /// Orders in all.
    var orderCount = 0
}

/// Reads an integrity snapshot from one engine.
protocol IntegrityRepository: Sendable {
    /// The snapshot; `lease` stands for the lease of sagas never leased explicitly.
    func snapshot(lease: Duration) async throws -> IntegritySnapshot
}
