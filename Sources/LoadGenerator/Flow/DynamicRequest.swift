import Basics
import Scenarios

/// A request step whose bytes depend on the iteration: templated method target, headers and body, plus the captures
/// and the header, body and JSON checks applied to its response.
///
/// Steps that need none of this stay on the constant path (``PlannedRequest`` bytes encoded once).
public struct DynamicRequest: Sendable, Equatable {
    public var url: RequestURL
    public var headers: [Scenarios.Header]
    public var body: RequestBody?
    /// Values taken from the response into variable slots.
    public var captures: [Capture]
    /// Checks other than status checks (status checks stay in ``PlannedRequest/expectedStatuses``).
    public var checks: [Check]
    /// Slots the request reads; when one is unset the request cannot be built and counts as a missing value.
    public let requiredSlots: [Int]
    /// The step's source texts, so two dynamic requests compare equal when written the same way.
    private let signature: [String]

    public init(
        url: RequestURL,
        headers: [Scenarios.Header] = [],
        body: RequestBody? = nil,
        captures: [Capture] = [],
        checks: [Check] = []
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.captures = captures
        self.checks = checks
        var slots = url.path.slots + (url.query?.slots ?? []) + (body?.template.slots ?? [])
        for header in headers { slots += header.value.slots }
        self.requiredSlots = Array(Set(slots)).sorted()
        self.signature =
            [url.path.source, url.query?.source ?? "", body?.template.source ?? ""]
            + headers.map { "\($0.name): \($0.value.source)" } + captures.map { "\($0.name)=\($0.source)" }
            + checks.map { "\($0.condition)" }
    }

    public static func == (left: DynamicRequest, right: DynamicRequest) -> Bool {
        left.signature == right.signature && left.url.origin?.description == right.url.origin?.description
    }

    /// Whether the response's headers and body must be kept to evaluate captures and checks.
    public var keepsResponse: Bool { !captures.isEmpty || !checks.isEmpty }
}
