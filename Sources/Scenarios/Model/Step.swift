import Basics

/// One entry of a flow: a request, or a pause.
public enum Step: Sendable {
    /// An HTTP request with its captures and checks.
    case request(RequestStep)
    /// `- think: 100ms..300ms`: a pause between requests.
    case think(ThinkTime, SourceLocation)
}

/// One HTTP request of a flow: what to send, what to capture from the response, what to check.
public struct RequestStep: Sendable {
    /// The request name in reports (`name:`), or `METHOD path` when none is given.
    public var name: String
    public var method: HTTPMethod
    /// Where to send it: the path and query (templated) and, for a full URL, its own origin.
    public var url: RequestURL
    /// Headers, the scenario defaults merged in (a step's own header wins over a default of the same name).
    public var headers: [Header]
    /// The body, if any.
    public var body: RequestBody?
    /// Values taken from the response into template variables.
    public var captures: [Capture]
    /// Conditions on the response; a failed one counts as a `check failed` error.
    public var checks: [Check]
    /// Pause after this request; the scenario default when the step sets none.
    public var think: ThinkTime?
    /// How long the request may take.
    public var timeout: Duration
    /// Where the step is declared.
    public var location: SourceLocation

    public init(
        name: String,
        method: HTTPMethod,
        url: RequestURL,
        headers: [Header] = [],
        body: RequestBody? = nil,
        captures: [Capture] = [],
        checks: [Check] = [],
        think: ThinkTime? = nil,
        timeout: Duration = Defaults.defaultTimeout,
        location: SourceLocation
    ) {
        self.name = name
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.captures = captures
        self.checks = checks
        self.think = think
        self.timeout = timeout
        self.location = location
    }

    /// True when no part of the request depends on the iteration, so it can be encoded once.
    public var isConstant: Bool {
        url.isConstant && headers.allSatisfy(\.value.isConstant) && (body?.template.isConstant ?? true)
    }
}

/// The HTTP methods a step may use; the key of the step names it (`get:`, `post:`, …).
public enum HTTPMethod: String, Sendable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    case head = "HEAD"
    case options = "OPTIONS"

    /// The key that introduces the method in a step: `get`, `post`, ….
    public var key: String { rawValue.lowercased() }
}

/// The request target of a step: an origin of its own for a full URL, and the templated path and query.
public struct RequestURL: Sendable {
    /// Set when the step names a full URL; nil means the scenario's target.
    public var origin: BaseURL?
    /// The path as sent on the request line (`/api/v1/orders/${id}`), the base URL's prefix applied; values filled
    /// into it are percent-encoded as one path segment.
    public var path: Template
    /// The query without its `?` (`page=2&q=${term}`), values percent-encoded; nil for none.
    public var query: Template?

    public init(origin: BaseURL? = nil, path: Template, query: Template? = nil) {
        self.origin = origin
        self.path = path
        self.query = query
    }

    /// True when neither path nor query has holes.
    public var isConstant: Bool { path.isConstant && (query?.isConstant ?? true) }

    /// Appends the request-line target: the path, then `?` and the query when there is one.
    public func render(
        into out: inout [UInt8],
        values: borrowing TemplateValues,
        random: inout some RandomNumberGenerator
    ) {
        path.render(into: &out, values: values, random: &random)
        guard let query else { return }
        out.append(0x3F)
        query.render(into: &out, values: values, random: &random)
    }
}

/// A header whose value may hold template expressions.
public struct Header: Sendable {
    public var name: String
    public var value: Template

    public init(name: String, value: Template) {
        self.name = name
        self.value = value
    }
}

/// A request body: JSON (sent with `Content-Type: application/json` unless a header says otherwise) or raw text.
public struct RequestBody: Sendable {
    /// How the body was written.
    public enum Kind: Sendable, Equatable {
        case json
        case raw
    }

    public var kind: Kind
    /// The body bytes with holes to fill; values inside JSON strings are JSON-escaped when rendered.
    public var template: Template

    public init(kind: Kind, template: Template) {
        self.kind = kind
        self.template = template
    }
}

/// A pause: a fixed time (`100ms`) or a uniformly random one in a range (`100ms..300ms`).
public struct ThinkTime: Sendable, Equatable {
    public var minimum: Duration
    public var maximum: Duration

    public init(minimum: Duration, maximum: Duration) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// A fixed pause.
    public init(_ fixed: Duration) {
        self.init(minimum: fixed, maximum: fixed)
    }

    /// A pause drawn uniformly from the range.
    public func draw(using random: inout some RandomNumberGenerator) -> Duration {
        guard maximum > minimum else { return minimum }
        let span = (maximum - minimum) / .nanoseconds(1)
        return minimum + .nanoseconds(Int64(Double.random(in: 0...span, using: &random)))
    }
}
