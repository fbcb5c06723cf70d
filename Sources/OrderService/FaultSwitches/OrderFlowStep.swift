/// The named steps of the order flow that fault-switch headers can slow down or fail.
enum OrderFlowStep: String, CaseIterable, Sendable {
    /// Before the order is stored and its stock reserved: an error here stores nothing.
    case reserveStock = "reserve-stock"
    /// Before the payments gateway is called: an error here compensates (stock released, nothing charged).
    case chargePayment = "charge-payment"
    /// After the charge, before the order is confirmed: an error here refunds and compensates.
    case confirmOrder = "confirm-order"
}
