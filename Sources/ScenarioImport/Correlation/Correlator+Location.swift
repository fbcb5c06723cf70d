import Foundation

/// Following a `Location`: the usual "create, then read what was created" of a recording.
///
///     POST /api/v1/orders  ─▶ 201, Location: /api/v1/orders/ord-123, body {"id": "ord-123"}
///     GET  /api/v1/orders/ord-123                     ─▶ GET /api/v1/orders/${orderId}, orderId: $.id
///
/// A captured `Location` cannot become the later step's path: a value filled into a path is sent as one
/// percent-encoded segment (its `/` as `%2F`), and a full URL's origin cannot hold a template. So the segments the
/// `Location` added to its request's path are looked up in the same response's JSON body, short as they may be
/// (the `Location` vouches for them), and captured from there.
extension Correlator {
    /// Notes the `Location` a response gave: `url` is it resolved against its request's URL (origin + path), and
    /// `requestPath` is that request's path.
    mutating func noteLocation(step: Int, url: URL, requestPath: String) {
        let path = url.path.isEmpty ? "/" : url.path
        let requested = requestPath.split(separator: "/").map(String.init)
        let located = path.split(separator: "/").map(String.init)
        let common = zip(requested, located).prefix { $0 == $1 }.count
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true), components.scheme != nil,
            components.host?.isEmpty == false
        else { return }
        let origin = HARImporter.origin(components)
        locations.append((step: step, url: origin + path, newSegments: Array(located.dropFirst(common))))
    }

    /// When `url` (a request's origin + decoded path) is a `Location` an earlier response gave, that response's
    /// body values equal to the segments the `Location` added become candidates, so `whole(_:)` finds them.
    /// Returns the step that gave the `Location` and whether its body explained every added segment; nil when
    /// `url` is no `Location`.
    mutating func follow(_ url: String) -> (step: Int, explained: Bool)? {
        guard let location = locations.last(where: { $0.url == url }) else { return nil }
        var explained = true
        for segment in location.newSegments {
            if names[segment] != nil || hasCandidate(segment) { continue }
            guard let found = bodyValues[location.step]?.first(where: { $0.value == segment }) else {
                explained = false
                continue
            }
            offer(segment, found.provider, vouched: true)
        }
        return (location.step, explained)
    }
}
