import Scenarios

extension LoadPlan {
    /// Why quick-run options were refused.
    public struct InvalidOptions: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// A one-phase plan from command-line options alone (no scenario file): `request` (a GET by default) to the URL
    /// with `users` closed-model users, or at `rate` (open model, `maxInFlight` cap), for `duration`; as `wrk -c`
    /// or `wrk2 -R` would. With `request.total` (hey's `-n`) the users share that many iterations, `duration` being
    /// then the most the run may take.
    /// `tls` and `httpVersion` come from curl's flags (`-k`, `--cacert`, `--http2`…); `connections` sets how many
    /// HTTP/2 connections carry the streams.
    public static func quick(
        url: String,
        users: Int?,
        rate: String?,
        duration: String,
        maxInFlight: Int?,
        timeout: String = "10s",
        tls: TLSSettings = TLSSettings(),
        httpVersion: HTTPVersionPreference = .auto,
        connections: Int? = nil,
        request: QuickRequest = QuickRequest()
    ) throws -> LoadPlan {
        let target = try HTTPTarget(url: url)
        let length = try DurationParser.parse(duration)
        let timeLimit = try DurationParser.parse(timeout)
        guard length > .zero else { throw InvalidOptions(description: "--duration must be longer than zero") }
        let load: PlannedPhase.Load
        switch (users, rate) {
        case (_, .some) where request.total != nil:
            throw InvalidOptions(
                description: "-n/--requests counts iterations of users: give it with --vus, not --rate"
            )
        case (let users, nil) where request.total != nil:
            guard let total = request.total, total > 0 else {
                throw InvalidOptions(description: "-n/--requests must be at least 1")
            }
            guard (users ?? 1) > 0 else { throw InvalidOptions(description: "--vus must be at least 1") }
            load = .virtualUsers(.sharedIterations(users: users ?? 1, iterations: total, maxDuration: length))
        case (let users?, nil):
            guard users > 0 else { throw InvalidOptions(description: "--vus must be at least 1") }
            load = .virtualUsers(.constant(users: users, duration: length))
        case (nil, let rate?):
            let parsed = try Rate.parse(rate)
            let cap = maxInFlight ?? 1_000
            guard cap > 0 else { throw InvalidOptions(description: "--max-in-flight must be at least 1") }
            load = .arrivalRate(schedule: ConstantArrivalSchedule(rate: parsed), duration: length, maxInFlight: cap)
        default:
            throw InvalidOptions(description: "give either --vus N (closed model) or --rate R/s (open model)")
        }
        if let connections, connections < 1 {
            throw InvalidOptions(description: "--connections must be at least 1")
        }
        var plan = LoadPlan(
            target: TargetPath.split(target).0,
            flow: [
                PlannedRequest(
                    name: "\(request.method) \(TargetPath.split(target).1)",
                    method: request.method,
                    path: TargetPath.split(target).1,
                    headers: request.headers,
                    body: request.body
                )
            ],
            phases: [PlannedPhase(name: users != nil ? "users" : "rate", load: load, connections: connections)],
            timeout: timeLimit
        )
        plan.httpVersion = httpVersion
        if target.isSecure {
            plan.tls = try TLSClient(settings: tls, host: target.host, httpVersion: httpVersion)
        }
        return plan
    }
}

/// Splits a URL's path off its target, so a quick run requests exactly the URL given.
enum TargetPath {
    static func split(_ target: HTTPTarget) -> (HTTPTarget, String) {
        var root = target
        root.basePath = ""
        return (root, target.basePath.isEmpty ? "/" : target.basePath)
    }
}
