/// Everything measured for one request name (or all requests) over a span of the run.
public struct RequestSummary: Codable, Sendable, Equatable {
    /// The request's name; `*` for all requests together.
    public var name: String
    /// Requests that ended, with a response or an error.
    public var requests: UInt64
    /// Requests that ended in an error of any kind (a failed check counts here as well as under its status).
    public var errors: UInt64
    /// Responses by HTTP status code, keyed by the code as text (`"200"`).
    public var statusCodes: [String: UInt64]
    /// Errors by kind, keyed by ``ErrorKind`` raw value.
    public var errorKinds: [String: UInt64]
    public var bytesSent: UInt64
    public var bytesReceived: UInt64
    /// Requests per second over the span.
    public var throughput: Double
    /// Errors over requests, as a fraction (0.01 = 1 %).
    public var errorRate: Double
    /// Latency from the intended start of each request (coordinated-omission correct).
    public var responseTime: LatencySummary
    /// Latency from the write of each request.
    public var serviceTime: LatencySummary
    /// Connections opened and TLS handshakes failed; absent when there were none (and in reports of older builds).
    public var connections: ConnectionSummary?

    init(name: String, aggregate: RequestAggregate, seconds: Double) {
        self.name = name
        requests = aggregate.requests
        errors = aggregate.errors
        statusCodes = Dictionary(uniqueKeysWithValues: aggregate.statusCounts.map { (String($0.key), $0.value) })
        errorKinds = aggregate.errorCounts
        bytesSent = aggregate.bytesSent
        bytesReceived = aggregate.bytesReceived
        throughput = seconds > 0 ? Double(aggregate.requests) / seconds : 0
        errorRate = aggregate.requests > 0 ? Double(aggregate.errors) / Double(aggregate.requests) : 0
        responseTime = LatencySummary(aggregate.responseTime)
        serviceTime = LatencySummary(aggregate.serviceTime)
        connections = ConnectionSummary(aggregate)
    }
}
