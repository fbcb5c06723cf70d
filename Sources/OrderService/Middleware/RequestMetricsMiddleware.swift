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
