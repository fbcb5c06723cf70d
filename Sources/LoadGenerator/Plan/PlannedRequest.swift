/// One request step of a flow as the engine runs it: fixed method, path, headers and body, so it is encoded once.
public struct PlannedRequest: Sendable, Equatable {
    public var name: String
    public var method: String
    /// Path and query, relative to the target's base path (or `/`).
    public var path: String
    public var headers: [Header]
    public var body: [UInt8]
    /// Statuses that pass the step's check; empty means any status passes.
    public var expectedStatuses: [ClosedRange<Int>]
    /// A pause after the response, before the next step.
    public var thinkTime: ThinkPause?
    /// Set for a step rendered per iteration (templates, captures, or checks on headers and body); nil when the
    /// request above is sent as it is.
    public var dynamic: DynamicRequest?

    /// A header name and value.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        name: String,
        method: String = "GET",
        path: String = "/",
        headers: [Header] = [],
        body: [UInt8] = [],
        expectedStatuses: [ClosedRange<Int>] = [],
        thinkTime: ThinkPause? = nil
    ) {
        self.name = name
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.expectedStatuses = expectedStatuses
        self.thinkTime = thinkTime
    }

    /// Whether a response status passes the step's check.
    func accepts(status: Int) -> Bool {
        expectedStatuses.isEmpty || expectedStatuses.contains { $0.contains(status) }
    }
}
