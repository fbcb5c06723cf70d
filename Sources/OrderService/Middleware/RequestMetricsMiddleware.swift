import Hummingbird

/// Counts and times every request by route pattern (bounded cardinality), method and final status.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = OrderServiceRequestContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        let route = context.endpointPath ?? "unmatched"
        do {
            let response = try await next(request, context)
            record(request, route: route, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, route: route, status: status, since: start)
            throw error
        }
    }

    private func record(_ request: Request, route: String, status: Int, since start: ContinuousClock.Instant) {
        metrics.recordRequest(
            route: route,
            method: request.method.rawValue,
            status: status,
            duration: ContinuousClock.now - start
        )
    }
}

/// Applies the configured body limit to the request context, so that decoding refuses larger bodies with 413.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = OrderServiceRequestContext
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        context.maxUploadSize = maxBytes
        return try await next(request, context)
    }
}

/// Answers a request for a known path with a method it does not take with 405 and `Allow` (RFC 9110 §15.5.6),
/// rather than the router's 404: the paths and their methods are the documented operations, which a test keeps
/// equal to the router's routes.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = OrderServiceRequestContext
    /// Each documented path template, split into segments, with its methods.
    let routes: [(segments: [Substring], methods: [String])]

    init(operations: [OpenAPIDocument.Operation] = OpenAPIDocument.operations) {
        let grouped = Dictionary(grouping: operations, by: \.path)
        routes = grouped.map { path, operations in
            (path.split(separator: "/"), operations.map(\.method).sorted())
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = allowedMethods(request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            var response = ProblemDetails(ProblemMiddleware.problem(for: .methodNotAllowed)).response()
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        }
    }

    /// The methods of the documented path `path` matches, `{name}` matching any one non-empty segment.
    func allowedMethods(_ path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard !segments.contains(where: \.isEmpty) || segments.count == 1 else { return [] }
        let parts = segments.filter { !$0.isEmpty }
        for route in routes where route.segments.count == parts.count {
            let matches = zip(route.segments, parts).allSatisfy { template, part in
                template.hasPrefix("{") || template == part
            }
            if matches { return route.methods }
        }
        return []
    }
}
