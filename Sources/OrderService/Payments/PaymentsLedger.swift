/// The fake gateway's books: one charge per order id at most, so that a repeated charge is a replay.
public actor PaymentsLedger {
    /// What happened to one order's payment.
    public struct Entry: Sendable, Equatable, Codable {
        public let orderId: String
        public let amountCents: Int
        /// How many charge calls actually moved money; more than 1 would be a double charge.
        public var timesCharged: Int
        public var refunded: Bool
    }

    private var entries: [String: Entry] = [:]
    private(set) var settings: PaymentsGatewaySettings

    public init(settings: PaymentsGatewaySettings = PaymentsGatewaySettings()) {
        self.settings = settings
    }

    /// Changes latency and failure rate at run time (chaos scenarios and tests).
    public func update(_ settings: PaymentsGatewaySettings) {
        self.settings = settings
    }

    /// Charges once; a repeat returns the first entry and `replayed` true. A refunded order is not charged again.
    func charge(orderId: String, amountCents: Int) -> (entry: Entry, replayed: Bool) {
        if let entry = entries[orderId] { return (entry, true) }
        let entry = Entry(orderId: orderId, amountCents: amountCents, timesCharged: 1, refunded: false)
        entries[orderId] = entry
        return (entry, false)
    }

    /// Refunds the order's charge; an order never charged is remembered as refunded, so that a charge arriving
    /// late (a retry still in flight when the saga compensated) is refused instead of taking money.
    func refund(orderId: String) -> Entry {
        var entry = entries[orderId] ?? Entry(orderId: orderId, amountCents: 0, timesCharged: 0, refunded: false)
        entry.refunded = true
        entries[orderId] = entry
        return entry
    }

    /// Every entry, by order id.
    public func all() -> [Entry] {
        entries.values.sorted { $0.orderId < $1.orderId }
    }
}
