import CoreMetrics
import Synchronization

/// The request counter and duration timer of one route, method and status, looked up in the registry once.
final class RequestMetricHandles: Sendable {
    let requests: CoreMetrics.Counter
    let duration: CoreMetrics.Timer

    init(requests: CoreMetrics.Counter, duration: CoreMetrics.Timer) {
        self.requests = requests
        self.duration = duration
    }
}

/// The handles of every documented operation by status, each made on its first request and then read without a
/// lock: the registry (whose lock every `Counter(label:dimensions:)` takes) is asked once per series, not once per
/// request. Routes and methods outside the document are left to the caller.
struct RequestMetricsTable: Sendable {
    /// One status's handles, set once by whichever request comes first.
    private final class Slot: Sendable {
        let handles = AtomicLazyReference<RequestMetricHandles>()
    }

    static let statuses = 100...599
    /// Route pattern → method → a slot per status in `statuses`; built once, never changed.
    private let slots: [String: [String: [Slot]]]

    init(operations: [OpenAPIDocument.Operation] = OpenAPIDocument.operations) {
        var slots: [String: [String: [Slot]]] = [:]
        for operation in operations {
            slots[operation.path, default: [:]][operation.method] = Self.statuses.map { _ in Slot() }
        }
        self.slots = slots
    }

    /// The handles for this request's series, made with `make` the first time; nil for a route or method the
    /// document does not have, or a status outside 100...599.
    func handles(route: String, method: String, status: Int, make: () -> RequestMetricHandles)
        -> RequestMetricHandles?
    {
        guard Self.statuses.contains(status), let slot = slots[route]?[method]?[status - Self.statuses.lowerBound]
        else { return nil }
        if let handles = slot.handles.load() { return handles }
        return slot.handles.storeIfNil(make())
    }
}
