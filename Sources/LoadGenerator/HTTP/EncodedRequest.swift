import NIOCore
import NIOHPACK

/// A planned request with its bytes encoded once (or, for a dynamic step, the encoder that renders them per
/// iteration), and what reading its response needs.
struct EncodedRequest {
    let plan: PlannedRequest
    /// The request's bytes; empty for a dynamic step.
    let bytes: ByteBuffer
    let dynamic: DynamicEncoder?
    let isHead: Bool
    /// Keep headers and body of the response (only when a check or capture needs them).
    let collectsResponse: Bool
    /// The same request for HTTP/2: its HEADERS and body; empty for a dynamic step.
    let http2Headers: HPACKHeaders
    let http2Body: ByteBuffer?

    init(_ plan: PlannedRequest, target: HTTPTarget, allocator: ByteBufferAllocator) {
        self.plan = plan
        if let request = plan.dynamic {
            self.bytes = ByteBuffer()
            self.dynamic = DynamicEncoder(plan, request: request, target: target)
            self.http2Headers = HPACKHeaders()
            self.http2Body = nil
        } else {
            self.bytes = RequestEncoder.encode(plan, for: target, allocator: allocator)
            self.dynamic = nil
            let path = plan.path.contains("://") ? plan.path : target.basePath + plan.path
            let (scheme, authority, requestPath) = HTTP2RequestHead.split(
                path,
                scheme: target.scheme,
                authority: target.hostHeader
            )
            let sendsLength = !plan.body.isEmpty || ["POST", "PUT", "PATCH"].contains(plan.method)
            self.http2Headers = HTTP2RequestHead.make(
                method: plan.method,
                scheme: scheme,
                authority: authority,
                path: requestPath,
                headers: plan.headers.map { ($0.name, $0.value) },
                contentLength: sendsLength ? plan.body.count : nil
            )
            self.http2Body = plan.body.isEmpty ? nil : allocator.buffer(bytes: plan.body)
        }
        self.isHead = plan.method == "HEAD"
        self.collectsResponse = plan.dynamic?.keepsResponse ?? false
    }
}
